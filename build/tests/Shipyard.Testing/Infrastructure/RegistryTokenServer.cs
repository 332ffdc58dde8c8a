using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// The token endpoint of registry token auth (what Docker Hub, GHCR and Harbor run), in-process on Kestrel: it checks
/// Basic credentials and issues an RS256 JWT with an <c>x5c</c> header, signed by a self-signed certificate that the
/// real registry trusts through its <c>rootcertbundle</c>. Counts the tokens it issued.
/// </summary>
public sealed class RegistryTokenServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private int _issued;

    private RegistryTokenServer(WebApplication app, X509Certificate2 certificate) => (_app, _certificate) = (app, certificate);

    public const string Service = "test-registry";
    public const string Issuer = "test-issuer";

    public string Realm { get; private set; } = "";

    public int Issued => _issued;

    /// <summary>The <c>auth:</c> line for the registry config, with the certificate bundle written to <paramref name="directory"/>.</summary>
    public string RegistryAuthConfig(string directory)
    {
        var bundle = Path.Combine(directory, $"token-root-{Guid.NewGuid():N}.pem");
        File.WriteAllText(bundle, _certificate.ExportCertificatePem());
        return $"auth: {{token: {{realm: \"{Realm}\", service: {Service}, issuer: {Issuer}, rootcertbundle: {bundle}}}}}";
    }

    public static async Task<RegistryTokenServer> StartAsync(string username, string password)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=registry-token", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RegistryTokenServer(app, certificate);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        app.MapGet("/token", (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization.ToString() != expected) return Results.Unauthorized();
            Interlocked.Increment(ref server._issued);
            return Results.Json(new { token = Jwt(key, certificate, username, context.Request.Query["scope"].ToString()) });
        });
        await app.StartAsync();
        server.Realm = app.Urls.First() + "/token";
        return server;
    }

    private static string Jwt(RSA key, X509Certificate2 certificate, string subject, string scope)
    {
        var parts = scope.Split(':');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { typ = "JWT", alg = "RS256", x5c = new[] { Convert.ToBase64String(certificate.RawData) } };
        var claims = new
        {
            iss = Issuer,
            sub = subject,
            aud = Service,
            exp = now + 300,
            nbf = now - 10,
            iat = now,
            jti = Guid.NewGuid().ToString("N"),
            access = parts.Length == 3 ? new[] { new { type = parts[0], name = parts[1], actions = parts[2].Split(',') } } : [],
        };
        var signingInput = $"{Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Encode(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
