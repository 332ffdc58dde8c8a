using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Todo.Domain;

namespace TodoWorker.Tests;

/// <summary>A stand-in for the todo API on Kestrel at 127.0.0.1, serving the same JSON contract.</summary>
public sealed class FakeTodoApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeTodoApi(WebApplication app, ConcurrentDictionary<int, TodoItem> items, Uri address)
    {
        _app = app;
        Items = items;
        Address = address;
    }

    /// <summary>The todos the fake serves, by id.</summary>
    public ConcurrentDictionary<int, TodoItem> Items { get; }

    /// <summary>Base address of the fake.</summary>
    public Uri Address { get; }

    /// <summary>Starts the fake with <paramref name="todos"/>.</summary>
    public static async Task<FakeTodoApi> StartAsync(params TodoItem[] todos)
    {
        var items = new ConcurrentDictionary<int, TodoItem>(todos.ToDictionary(t => t.Id));
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        var app = builder.Build();
        app.MapGet("/todos", () => items.Values.OrderBy(t => t.Id));
        app.MapDelete("/todos/{id:int}", (int id) => items.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeTodoApi(app, items, new Uri(address + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
