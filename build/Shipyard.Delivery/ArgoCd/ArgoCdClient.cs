using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// The Argo CD REST calls the waits need (read, refresh, sync, resource tree, watch stream), with a bearer token. 401/403 become a one-line
/// <see cref="BuildFailedException"/> that names the server, never the token; other errors an
/// <see cref="ArgoCdApiException"/> carrying the server's message.
/// </summary>
internal sealed class ArgoCdClient(HttpClient http, Uri server, string token)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>GET /api/v1/applications/{name}</c>, with <c>?refresh=normal</c> when asked.</summary>
    public async Task<ArgoApplication> GetApplicationAsync(string name, bool refresh, CancellationToken cancellationToken)
    {
        var path = $"api/v1/applications/{Uri.EscapeDataString(name)}" + (refresh ? "?refresh=normal" : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path));
        using var response = await SendAsync(request, name, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ArgoApplication>(Json, cancellationToken)
            ?? throw new BuildFailedException($"Argo CD at {server} returned an empty application '{name}'.");
    }

    /// <summary><c>POST /api/v1/applications/{name}/sync</c>: starts a sync operation (it runs asynchronously).</summary>
    public async Task SyncAsync(string name, ArgoSyncRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"api/v1/applications/{Uri.EscapeDataString(name)}/sync"))
        {
            Content = JsonContent.Create(body, options: Json),
        };
        using var response = await SendAsync(request, name, cancellationToken);
    }

    /// <summary><c>GET /api/v1/applications/{name}/resource-tree</c>: every live object with its health, Pods included.</summary>
    public async Task<ArgoResourceTree> GetResourceTreeAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"api/v1/applications/{Uri.EscapeDataString(name)}/resource-tree"));
        using var response = await SendAsync(request, name, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ArgoResourceTree>(Json, cancellationToken) ?? new ArgoResourceTree([]);
    }

    /// <summary>
    /// Opens <c>GET /api/v1/stream/applications?name={name}</c> as server-sent events and returns once the headers
    /// arrived; the caller reads events from the returned stream and disposes it.
    /// </summary>
    public async Task<ArgoWatchStream> OpenWatchAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"api/v1/stream/applications?name={Uri.EscapeDataString(name)}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // No error mapping here: a stream that a proxy refuses is not fatal, the caller falls back to polling.
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (!response.IsSuccessStatusCode)
                throw new ArgoCdApiException(response.StatusCode, $"the watch stream answered {(int)response.StatusCode}: {await ErrorMessageAsync(response, cancellationToken)}");
            return new ArgoWatchStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string name, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BuildFailedException($"Cannot reach Argo CD at {server}: {e.Message}. Check the Argo CD server setting and that it is reachable from here.", e);
        }
        if (response.IsSuccessStatusCode) return response;

        using (response)
        {
            var message = await ErrorMessageAsync(response, cancellationToken);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new BuildFailedException(
                    $"Argo CD at {server} rejected the token (401 Unauthorized: {message}). Check the Argo CD token (an API token of an account allowed to get and sync '{name}')."),
                HttpStatusCode.Forbidden => new BuildFailedException(
                    $"Argo CD at {server} denied access to application '{name}' (403 Forbidden: {message}). Grant the token's account get and sync on it."),
                HttpStatusCode.NotFound => new BuildFailedException(
                    $"Argo CD at {server} has no application '{name}' (404: {message}). Check the catalog's Argo CD application name."),
                _ => new ArgoCdApiException(response.StatusCode, message),
            };
        }
    }

    private string Scrub(string text) => token.Length == 0 ? text : text.Replace(token, "***", StringComparison.Ordinal);

    private async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            // Argo CD's gateway answers {"error": "...", "code": 9, "message": "..."}.
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } message) return Scrub(OneLine(message));
            if (doc.RootElement.TryGetProperty("error", out var e) && e.GetString() is { Length: > 0 } error) return Scrub(OneLine(error));
        }
        catch (JsonException)
        {
        }
        return Scrub(OneLine(text.Length > 200 ? text[..200] : text));
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
