using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TodoApi.Tests;

/// <summary>The real API on Kestrel at 127.0.0.1 with a free port, and a client pointed at it.</summary>
public sealed class RunningApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApi(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    /// <summary>Client whose base address is the running API.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the API and waits until it listens.</summary>
    public static async Task<RunningApi> StartAsync(TimeProvider? time = null)
    {
        var app = TodoApiApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], time);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningApi(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
