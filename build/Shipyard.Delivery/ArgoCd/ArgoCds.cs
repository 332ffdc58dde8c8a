using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>Builds the Argo CD component: the REST client when a server is configured, else one that skips with the reason.</summary>
public static class ArgoCds
{
    /// <summary>
    /// <paramref name="server"/> null or empty → sync skipped ("--argocd-server is not set"); a server without a token,
    /// or a server that is not an absolute http(s) URL, is a usage error.
    /// </summary>
    public static IArgoCd Create(string? server, string? token, TimeSpan timeout, TimeProvider time, TextWriter log)
    {
        if (string.IsNullOrWhiteSpace(server)) return new SkippedArgoCd("--argocd-server is not set", log);
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new UsageException($"--argocd-server must be an http(s) URL such as https://argocd.example.com, got '{server}'");
        if (string.IsNullOrEmpty(token)) throw new UsageException("--argocd-server is set but --argocd-token is not: create an API token for the CI account");
        if (timeout <= TimeSpan.Zero) throw new UsageException($"--argocd-timeout must be positive, got {timeout}");
        var options = new ArgoCdOptions { Server = url, Token = token, Timeout = timeout };
        return new ArgoCdSync(new ArgoCdClient(new HttpClient(), url, token), options, time, log);
    }
}
