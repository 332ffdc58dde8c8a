using System.Net;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.ArgoCd;

public sealed class ArgoCdClientTests : IAsyncLifetime
{
    private FakeArgoCdApi _api = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await FakeArgoCdApi.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ASyncToARevisionWhileAutoSyncIsOnIsRefusedWithArgoCdsFailedPreconditionMessage()
    {
        _api.Add(new FakeArgoApplication("todo-api", "0ld") { AutoSync = true, HeadRevision = "n3w" });
        var client = new ArgoCdClient(new HttpClient(), _api.Url, _api.Token);

        var error = await Should.ThrowAsync<ArgoCdApiException>(() => client.SyncAsync("todo-api", new ArgoSyncRequest("n3w", false, false), Ct));

        error.Status.ShouldBe(HttpStatusCode.BadRequest);
        error.Message.ShouldBe("Cannot sync to n3w: auto-sync currently set to main");
    }

    [Fact]
    public async Task TheApplicationIsReadWithItsStatusFieldsAndAutoSyncDetected()
    {
        _api.Add(new FakeArgoApplication("todo-api", "0ld") { AutoSync = true });
        var client = new ArgoCdClient(new HttpClient(), _api.Url, _api.Token);

        var app = await client.GetApplicationAsync("todo-api", refresh: false, Ct);

        app.AutoSync.ShouldBeTrue();
        app.Spec!.Source!.RepoUrl.ShouldBe("https://git.example.com/platform/gitops.git");
        app.Status!.Sync!.ShouldBe(new ArgoSyncStatus("Synced", "0ld"));
        app.Status.Health!.Status.ShouldBe("Healthy");
        app.Status.OperationState!.Phase.ShouldBe("Succeeded");
        app.Status.OperationState.SyncResult!.Revision.ShouldBe("0ld");
        app.Status.History!.Single().Revision.ShouldBe("0ld");
        app.OperationInProgress.ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnknownApplicationNamesTheCatalogSetting()
    {
        var client = new ArgoCdClient(new HttpClient(), _api.Url, _api.Token);

        var error = await Should.ThrowAsync<Shipyard.Engine.BuildFailedException>(() => client.GetApplicationAsync("nope", refresh: true, Ct));

        error.Message.ShouldContain("has no application 'nope'");
    }
}
