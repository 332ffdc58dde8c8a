using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process Argo CD API server (REST gateway wire format): <c>GET /api/v1/applications/{name}[?refresh=]</c> and
/// <c>POST /api/v1/applications/{name}/sync</c>, bearer token checked (401 with gRPC code 16 otherwise), sync refusals
/// as HTTP 400 with gRPC FailedPrecondition (code 9) and Argo CD's own messages.
/// </summary>
public sealed class FakeArgoCdApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeArgoApplication> _apps = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private KestrelHost? _host;

    /// <summary>The token the server accepts.</summary>
    public string Token { get; } = "argocd-token-" + Guid.NewGuid().ToString("N");

    /// <summary>The server's base address.</summary>
    public Uri Url => _host!.Url;

    /// <summary>Requests served, as <c>METHOD path?query</c>.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeArgoCdApi> StartAsync()
    {
        var api = new FakeArgoCdApi();
        api._host = await KestrelHost.StartAsync(api.HandleAsync);
        return api;
    }

    /// <summary>Adds an application whose live (synced, healthy) revision is <paramref name="app"/>'s.</summary>
    public FakeArgoApplication Add(FakeArgoApplication app) => _apps[app.Name] = app;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        var (status, body) = await RouteAsync(request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private async Task<(int, JsonObject)> RouteAsync(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
            return (401, FakeArgoJson.Error("invalid session: token signature is invalid", 16));
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        if (segments is not ["api", "v1", "applications", var name, ..] || !_apps.TryGetValue(name, out var app))
            return (404, FakeArgoJson.Error($"applications.argoproj.io \"{segments.ElementAtOrDefault(3)}\" not found", 5));
        switch (request.Method, segments.Length)
        {
            case ("GET", 4):
                return (200, app.Read(refresh: request.Query.ContainsKey("refresh")));
            case ("POST", 5) when segments[4] == "sync":
                var body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? [];
                var refused = app.Sync(body["revision"]?.GetValue<string>());
                return refused is null ? (200, app.Read(refresh: false)) : (400, FakeArgoJson.Error(refused, 9));
            default:
                return (404, FakeArgoJson.Error("Not Found", 5));
        }
    }
}
