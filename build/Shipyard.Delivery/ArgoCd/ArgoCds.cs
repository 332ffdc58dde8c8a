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
        if (Validate(server, token, timeout) is not { } url) return new SkippedArgoCd(NotConfigured, log);
        return Create(new ArgoCdOptions { Server = url, Token = token!, Timeout = timeout }, time, log);
    }

    /// <summary>
    /// The checks of <see cref="Create"/> without building anything (the validation phase runs them before the first
    /// target): the server URL, a token with it, a positive timeout. Returns the server URL, or null when none is set.
    /// </summary>
    /// <exception cref="UsageException">One line naming the bad setting.</exception>
    public static Uri? Validate(string? server, string? token, TimeSpan timeout)
    {
        if (ValidateServer(server) is not { } url) return null;
        if (string.IsNullOrEmpty(token)) throw new UsageException("An Argo CD server is configured but no Argo CD token: create an API token for the CI account");
        if (timeout <= TimeSpan.Zero) throw new UsageException($"The Argo CD timeout must be positive, got {timeout}");
        return url;
    }

    /// <summary>
    /// Reads an Argo CD server address: null or blank → null (no Argo CD); otherwise an absolute http(s) URL with a
    /// host, returned with a trailing slash so relative API paths resolve under it.
    /// </summary>
    /// <param name="server">The address as configured.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="UsageException">Not an absolute http(s) URL.</exception>
    public static Uri? ValidateServer(string? server, string setting = "The Argo CD server")
    {
        if (string.IsNullOrWhiteSpace(server)) return null;
        var text = server.Trim();
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
            throw new UsageException($"{setting} must be an http(s) URL such as https://argocd.example.com, got '{UsageException.Escape(server)}'");
        return url;
    }

    /// <summary>The REST component with every option (watch or poll, pauses, prune) set by the caller.</summary>
    public static IArgoCd Create(ArgoCdOptions options, TimeProvider time, TextWriter log) =>
        new ArgoCdSync(new ArgoCdClient(new HttpClient(), options.Server, options.Token), options, time, log);
}
