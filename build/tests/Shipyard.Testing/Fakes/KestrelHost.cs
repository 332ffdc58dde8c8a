using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>Runs one request handler on Kestrel at 127.0.0.1 on a free port: the base of every in-process fake API.</summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private KestrelHost(WebApplication app, Uri url) => (_app, Url) = (app, url);

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving <paramref name="handler"/>.</summary>
    public static async Task<KestrelHost> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new KestrelHost(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
