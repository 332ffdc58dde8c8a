using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Shipyard.Delivery.Tests.Fakes;

namespace Build.Tests.Reliability;

/// <summary>
/// An HTTP proxy in front of a real registry that passes every request through, except those a fault picks: it either
/// holds them (an upload that stalls) or answers them itself with a status (a registry failing mid-push). The Host
/// header is passed on, so the registry's upload locations point back at the proxy.
/// </summary>
internal sealed class RegistryProxy : IAsyncDisposable
{
    private readonly HttpClient _upstream;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private KestrelHost? _host;

    private RegistryProxy(string upstream) =>
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://{upstream}/") };

    /// <summary>host:port as used in image references.</summary>
    public string Host => $"{_host!.Url.Host}:{_host.Url.Port}";

    /// <summary>Requests seen, as <c>METHOD path</c>, and what the proxy did with them.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Completes when the first request was held.</summary>
    public Task Held => _held.Task;

    /// <summary>Picks the requests to hold; null holds none.</summary>
    public Func<HttpRequest, bool>? Hold { get; set; }

    /// <summary>Picks the requests to answer with a status of the proxy's own (e.g. 503); null or 0 passes them through.</summary>
    public Func<HttpRequest, int>? Fail { get; set; }

    public static async Task<RegistryProxy> StartAsync(string upstream)
    {
        var proxy = new RegistryProxy(upstream);
        proxy._host = await KestrelHost.StartAsync(proxy.HandleAsync);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_host is not null) await _host.DisposeAsync();
        _upstream.Dispose();
        _stop.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var line = $"{request.Method} {request.Path}";
        if (Hold?.Invoke(request) == true)
        {
            _requests.Enqueue($"{line} held");
            _held.TrySetResult();
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stop.Token);
            await Task.Delay(Timeout.Infinite, both.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (Fail?.Invoke(request) is > 0 and var status)
        {
            _requests.Enqueue($"{line} {status}");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"errors":[{"code":"UNAVAILABLE","message":"service unavailable (proxy)"}]}""", context.RequestAborted);
            return;
        }
        _requests.Enqueue(line);
        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (body.Length > 0 || request.Method is "PUT" or "PATCH" or "POST") outgoing.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in request.Headers)
        {
            if (name is "Host" or "Content-Length" or "Transfer-Encoding" or "Connection") continue;
            if (!outgoing.Headers.TryAddWithoutValidation(name, [.. values])) outgoing.Content?.Headers.TryAddWithoutValidation(name, [.. values]);
        }
        outgoing.Headers.Host = request.Host.Value;
        using var response = await _upstream.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (name is not ("Transfer-Encoding" or "Connection")) context.Response.Headers[name] = values.ToArray();
        if (request.Method != "HEAD") await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
