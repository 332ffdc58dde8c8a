using System.Net;

namespace Shipyard.Delivery.Registry;

/// <summary>Creates <see cref="IRegistry"/> clients.</summary>
public static class Registries
{
    /// <summary>
    /// A client for <paramref name="host"/> (host[:port], optionally with <c>http://</c> or <c>https://</c>).
    /// Without a scheme, loopback hosts (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>[::1]</c>) use plain HTTP like
    /// Docker's default insecure registries; every other host uses HTTPS.
    /// </summary>
    /// <param name="host">Registry address.</param>
    /// <param name="credentials">Credentials for the auth challenge; null for anonymous access.</param>
    /// <param name="time">Time source for retry backoff.</param>
    /// <param name="handler">HTTP handler (tests and the benchmark count bytes with one); null for the default.</param>
    public static IRegistry Create(string host, RegistryCredentials? credentials, TimeProvider time, HttpMessageHandler? handler = null)
    {
        var uri = BaseUri(host);
        var http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        return new RegistryClient(http, uri.Authority, uri, credentials, time);
    }

    /// <summary>The host[:port] without scheme: the name used in image references and auth files.</summary>
    public static string Authority(string host) => BaseUri(host).Authority;

    /// <summary>True when the registry is reached over plain HTTP (builders then need <c>--tls-verify=false</c>).</summary>
    public static bool IsPlainHttp(string host) => BaseUri(host).Scheme == Uri.UriSchemeHttp;

    /// <summary>
    /// Splits a registry value such as <c>ghcr.io/acme</c> into the server (<c>ghcr.io</c>) and the repository
    /// namespace under it (<c>acme</c>, empty when none).
    /// </summary>
    public static (string Server, string Namespace) Split(string registry)
    {
        var rest = registry.Contains("://", StringComparison.Ordinal) ? registry[(registry.IndexOf("://", StringComparison.Ordinal) + 3)..] : registry;
        var slash = rest.IndexOf('/');
        return slash < 0 ? (registry, "") : (registry[..(registry.Length - rest.Length + slash)], rest[(slash + 1)..].Trim('/'));
    }

    /// <summary>
    /// Checks a registry value: <c>host[:port][/namespace]</c>, optionally with <c>http://</c> or <c>https://</c>, the
    /// namespace in the lower-case path grammar of image references.
    /// </summary>
    /// <param name="registry">The value as configured.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="Shipyard.Engine.UsageException">Anything else (one line, the value escaped).</exception>
    public static string Validate(string registry, string setting = "The registry")
    {
        var (server, ns) = Split(registry ?? "");
        var bare = server.Contains("://", StringComparison.Ordinal) ? server[(server.IndexOf("://", StringComparison.Ordinal) + 3)..] : server;
        var valid = bare.Length > 0 && bare.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            && (server == bare || server.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || server.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate("http://" + bare, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            && ns.Split('/').All(part => ns.Length == 0 || (part.Length > 0 && char.IsAsciiLetterOrDigit(part[0])
                && part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-')));
        return valid ? registry! : throw new Shipyard.Engine.UsageException(
            $"{setting} '{Shipyard.Engine.UsageException.Escape(registry ?? "")}' is not a registry: host[:port][/namespace], e.g. ghcr.io/acme or 127.0.0.1:5000");
    }

    private static Uri BaseUri(string host)
    {
        if (host.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || host.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new Uri(host.TrimEnd('/') + "/");
        var probe = new Uri("http://" + host);
        var loopback = probe.IsLoopback || (IPAddress.TryParse(probe.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return new Uri($"{(loopback ? "http" : "https")}://{host}/");
    }
}
