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

    private static Uri BaseUri(string host)
    {
        if (host.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || host.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new Uri(host.TrimEnd('/') + "/");
        var probe = new Uri("http://" + host);
        var loopback = probe.IsLoopback || (IPAddress.TryParse(probe.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return new Uri($"{(loopback ? "http" : "https")}://{host}/");
    }
}
