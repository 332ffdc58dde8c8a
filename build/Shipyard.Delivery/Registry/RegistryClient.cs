using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shipyard.Engine;

namespace Shipyard.Delivery.Registry;

/// <summary>
/// The distribution v2 HTTP API with the registry auth dance: on 401 it answers the <c>WWW-Authenticate</c>
/// challenge (Basic, or Bearer through the token endpoint with the credentials), caches the token per scope,
/// and retries 5xx answers and connection errors with backoff. Failures are one-line
/// <see cref="BuildFailedException"/>s that name the registry and never the password.
/// </summary>
internal sealed class RegistryClient(HttpClient http, string host, Uri baseUri, RegistryCredentials? credentials, TimeProvider time)
    : IRegistry
{
    internal static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(1.5)];
    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> _authorization = new();

    public string Host => host;

    public async Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{repository}/manifests/{reference}", repository, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, $"read manifest {repository}:{reference}", cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType ?? ManifestTypes[0];
        return new RegistryManifest(bytes, type, DigestHeader(response) ?? RegistryManifest.DigestOf(bytes));
    }

    public async Task<string?> GetDigestAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, $"{repository}/manifests/{tag}", repository, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, $"read tag {repository}:{tag}", cancellationToken);
        return DigestHeader(response);
    }

    public async Task<string> PutManifestAsync(string repository, string tag, RegistryManifest manifest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, $"{repository}/manifests/{tag}", repository, manifest, cancellationToken);
        await EnsureAsync(response, $"tag {repository}:{tag}", cancellationToken);
        return DigestHeader(response) ?? manifest.Digest;
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{repository}/tags/list", repository, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        await EnsureAsync(response, $"list tags of {repository}", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString()!)]
            : [];
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string repository, RegistryManifest? body, CancellationToken cancellationToken)
    {
        var scope = $"repository:{repository}:pull,push";
        var response = await SendWithRetryAsync(() => Request(method, path, body, scope), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenge = RegistryChallenge.From(response);
        response.Dispose();
        if (credentials is null)
            throw new BuildFailedException(
                $"Registry {host} requires credentials: pass --registry-username and --registry-password, or log in (docker login {host}).");
        _authorization[scope] = await AuthorizeAsync(challenge, scope, cancellationToken);
        response = await SendWithRetryAsync(() => Request(method, path, body, scope), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw Refused();
        }
        return response;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, RegistryManifest? body, string scope)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUri, "/v2/" + path));
        foreach (var type in ManifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        if (_authorization.TryGetValue(scope, out var auth)) request.Headers.Authorization = auth;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.Bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(body.MediaType);
        }
        return request;
    }

    private async Task<AuthenticationHeaderValue> AuthorizeAsync(RegistryChallenge? challenge, string scope, CancellationToken cancellationToken)
    {
        var basic = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials!.Username}:{credentials.Password}")));
        if (challenge is null || !challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || challenge["realm"] is not { } realm)
            return basic;

        var query = $"?scope={Uri.EscapeDataString(scope)}" + (challenge["service"] is { } service ? $"&service={Uri.EscapeDataString(service)}" : "");
        using var response = await SendWithRetryAsync(() =>
            new HttpRequestMessage(HttpMethod.Get, realm + query) { Headers = { Authorization = basic } }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) throw Refused();
        await EnsureAsync(response, "get a token", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        return token is null
            ? throw new BuildFailedException($"The token endpoint of registry {host} ({realm}) answered without a token.")
            : new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<HttpResponseMessage> SendWithRetryAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var message = request();
                var response = await http.SendAsync(message, cancellationToken);
                if ((int)response.StatusCode < 500 || attempt == Backoff.Length) return response;
                response.Dispose();
            }
            catch (HttpRequestException e) when (attempt == Backoff.Length)
            {
                throw new BuildFailedException(
                    $"Registry {host} is unreachable ({e.Message}) after {attempt + 1} attempts: is it running and is --registry right?");
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(Backoff[attempt], time, cancellationToken);
        }
    }

    private BuildFailedException Refused() => new(
        $"Registry {host} refused the credentials of '{credentials!.Username}' (from {credentials.Source}): check the user name and password or token.");

    private async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = body.Length > 200 ? body[..200] : body;
        throw new BuildFailedException(
            $"Registry {host} could not {what}: {(int)response.StatusCode} {response.ReasonPhrase} {detail.ReplaceLineEndings(" ").Trim()}");
    }

    private static string? DigestHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
}
