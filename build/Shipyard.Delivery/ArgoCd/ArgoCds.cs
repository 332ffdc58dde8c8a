using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>Builds the Argo CD component: the REST client when a server is configured, else one that skips with the reason.</summary>
public static class ArgoCds
{
    /// <summary>The reason a build without an Argo CD server gives in its summary.</summary>
    public const string NotConfigured = "no Argo CD server configured";

    /// <summary>
    /// <paramref name="server"/> null or empty → both steps skipped ("no Argo CD server configured"); a server without a
    /// token, or a server that is not an absolute http(s) URL, is a usage error.
    /// </summary>
    public static IArgoCd Create(string? server, string? token, TimeSpan timeout, TimeProvider time, TextWriter log)
    {
        if (string.IsNullOrWhiteSpace(server)) return new SkippedArgoCd(NotConfigured, log);
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new UsageException($"The Argo CD server must be an http(s) URL such as https://argocd.example.com, got '{server.ReplaceLineEndings(" ")}'");
        if (string.IsNullOrEmpty(token)) throw new UsageException("An Argo CD server is configured but no Argo CD token: create an API token for the CI account");
        if (timeout <= TimeSpan.Zero) throw new UsageException($"The Argo CD timeout must be positive, got {timeout}");
        return Create(new ArgoCdOptions { Server = url, Token = token, Timeout = timeout }, time, log);
    }

    /// <summary>The REST component with every option (watch or poll, pauses, prune) set by the caller.</summary>
    public static IArgoCd Create(ArgoCdOptions options, TimeProvider time, TextWriter log) =>
        new ArgoCdSync(new ArgoCdClient(new HttpClient(), options.Server, options.Token), options, time, log);
}
