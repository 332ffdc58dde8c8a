using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process Argo CD API server (REST gateway wire format): <c>GET /api/v1/applications/{name}[?refresh=]</c>,
/// <c>POST .../sync</c>, <c>GET .../resource-tree</c> and the watch <c>GET /api/v1/stream/applications?name=</c>
/// (server-sent events: the application at once, then one event per change). Bearer token checked (401 with gRPC
/// code 16 otherwise); sync refusals as HTTP 400 with gRPC FailedPrecondition (code 9) and Argo CD's own messages.
/// The applications' controllers advance every <see cref="TickInterval"/> on a background loop.
/// </summary>
public sealed class FakeArgoCdApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeArgoApplication> _apps = new();
    private readonly ConcurrentDictionary<Channel<string>, string> _streams = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _shutdown = new();
    private KestrelHost? _host;
    private Task? _ticker;
    private int _streamConnections;

    private FakeArgoCdApi(TimeSpan tickInterval) => TickInterval = tickInterval;

    /// <summary>The token the server accepts.</summary>
    public string Token { get; } = "argocd-token-" + Guid.NewGuid().ToString("N");

    /// <summary>The server's base address.</summary>
    public Uri Url => _host!.Url;

    /// <summary>How often the controllers step.</summary>
    public TimeSpan TickInterval { get; }

    /// <summary>How the watch stream behaves from the next connection on.</summary>
    public FakeArgoStreamMode StreamMode { get; set; }

    /// <summary>Watch connections accepted so far.</summary>
    public int StreamConnections => Volatile.Read(ref _streamConnections);

    /// <summary>Requests served, as <c>METHOD path?query</c>.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeArgoCdApi> StartAsync(TimeSpan? tickInterval = null)
    {
        var api = new FakeArgoCdApi(tickInterval ?? TimeSpan.FromMilliseconds(10));
        api._host = await KestrelHost.StartAsync(api.HandleAsync);
        api._ticker = api.TickAsync();
        return api;
    }

    /// <summary>Adds an application whose live (synced, healthy) revision is <paramref name="app"/>'s.</summary>
    public FakeArgoApplication Add(FakeArgoApplication app)
    {
        app.Changed = () => Publish(app);
        return _apps[app.Name] = app;
    }

    /// <summary>Closes every open watch connection (as a restarting Argo CD server or an idle-timeout proxy does).</summary>
    public void DropStreams()
    {
        foreach (var channel in _streams.Keys) channel.Writer.TryComplete();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        DropStreams();
        if (_ticker is not null) await _ticker;
        if (_host is not null) await _host.DisposeAsync();
        _shutdown.Dispose();
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token))
                foreach (var app in _apps.Values)
                    if (app.Tick()) Publish(app);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Publish(FakeArgoApplication app)
    {
        var message = $"data: {FakeArgoJson.WatchEvent("MODIFIED", app.Snapshot()).ToJsonString()}\n\n";
        foreach (var (channel, name) in _streams)
            if (name == app.Name) channel.Writer.TryWrite(message);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (request.Path.StartsWithSegments("/api/v1/stream/applications") && request.Headers.Authorization.ToString() == $"Bearer {Token}")
        {
            await StreamAsync(context);
            return;
        }
        var (status, body) = await RouteAsync(request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private async Task StreamAsync(HttpContext context)
    {
        var name = context.Request.Query["name"].ToString();
        var response = context.Response;
        if (StreamMode == FakeArgoStreamMode.Unavailable || !_apps.TryGetValue(name, out var app))
        {
            response.StatusCode = 404;
            response.ContentType = "text/plain";
            await response.WriteAsync("404 page not found\n");
            return;
        }
        Interlocked.Increment(ref _streamConnections);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        response.ContentType = "text/event-stream";
        var channel = Channel.CreateUnbounded<string>();
        _streams[channel] = name;
        try
        {
            if (StreamMode == FakeArgoStreamMode.Buffered)
            {
                // A buffering proxy passes the headers, then holds every event until the connection ends.
                await response.StartAsync(aborted.Token);
                await channel.Reader.Completion.WaitAsync(aborted.Token);
                return;
            }
            // Argo CD sends the watched application at once (ADDED), then every change.
            await response.WriteAsync($"data: {FakeArgoJson.WatchEvent("ADDED", app.Snapshot()).ToJsonString()}\n\n", aborted.Token);
            await response.Body.FlushAsync(aborted.Token);
            await foreach (var message in channel.Reader.ReadAllAsync(aborted.Token))
            {
                await response.WriteAsync(message, aborted.Token);
                await response.Body.FlushAsync(aborted.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _streams.TryRemove(channel, out _);
        }
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
            case ("GET", 5) when segments[4] == "resource-tree":
                return app.Tree() is { } tree ? (200, tree) : (403, FakeArgoJson.Error("permission denied: applications, get, default/" + name, 7));
            case ("POST", 5) when segments[4] == "sync":
                var body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? [];
                var refused = app.Sync(body["revision"]?.GetValue<string>());
                return refused is null ? (200, app.Read(refresh: false)) : (400, FakeArgoJson.Error(refused, 9));
            default:
                return (404, FakeArgoJson.Error("Not Found", 5));
        }
    }
}
