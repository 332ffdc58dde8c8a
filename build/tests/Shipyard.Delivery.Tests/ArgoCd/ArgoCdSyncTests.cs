using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.ArgoCd;

public sealed class ArgoCdSyncTests : IAsyncLifetime
{
    private const string Old = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0";
    private const string New = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";
    private FakeArgoCdApi _api = null!;
    private readonly StringWriter _log = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await FakeArgoCdApi.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private ArgoCdSync Argo(string? token = null, TimeSpan? timeout = null)
    {
        var options = new ArgoCdOptions
        {
            Server = _api.Url,
            Token = token ?? _api.Token,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromMilliseconds(10),
        };
        return new ArgoCdSync(new ArgoCdClient(new HttpClient(), options.Server, options.Token), options, TimeProvider.System, _log);
    }

    [Fact]
    public async Task TheOldRevisionSyncedAndHealthyIsNotSuccessTheWaitEndsOnlyWhenTheNewRevisionIsLive()
    {
        var app = _api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, OperationPolls = 3 });

        var result = await Argo().SyncAndWaitAsync("todo-api", New, Ct);

        result.ShouldBe(new ArgoSyncResult("todo-api", New, "Synced", "Healthy"));
        app.SyncRequests.ShouldBe(1);
        app.Served.ShouldContain($"Synced/Healthy@{Old} op=Succeeded", "the fake served the old revision as Synced+Healthy");
        app.Served[^1].ShouldBe($"Synced/Healthy@{New} op=Succeeded");
        app.Served.Count(s => s.Contains("op=Running")).ShouldBeGreaterThanOrEqualTo(3);
        _log.ToString().ShouldContain("todo-api: OutOfSync/Progressing (revision 1a2b3c4, operation Running for 1a2b3c4)");
        _api.Requests[0].ShouldBe("GET /api/v1/applications/todo-api?refresh=normal");
        _api.Requests.ShouldContain(r => r.StartsWith("POST /api/v1/applications/todo-api/sync"));
    }

    [Fact]
    public async Task WhenTheNewRevisionNeverArrivesTheWaitTimesOutNamingTheLastStateInsteadOfSucceeding()
    {
        // Auto-sync on but the commit never reaches the tracked branch: Argo CD keeps serving the old revision, healthy.
        _api.Add(new FakeArgoApplication("todo-api", Old) { AutoSync = true });

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo(timeout: TimeSpan.FromMilliseconds(300)).SyncAndWaitAsync("todo-api", New, Ct));

        error.Message.ShouldBe(
            "Argo CD application todo-api did not become Synced and Healthy at revision 1a2b3c4 within 00:00:00.3000000; " +
            "last seen: Synced/Healthy (revision 0ld0ld0, operation Succeeded for 0ld0ld0, waiting for 1a2b3c4). " +
            "Check it with 'argocd app get todo-api', or raise --argocd-timeout.");
    }

    [Fact]
    public async Task AManualSyncToACommitArgoCdCannotResolveFailsWithArgoCdsReason()
    {
        _api.Add(new FakeArgoApplication("todo-api", Old));

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo().SyncAndWaitAsync("todo-api", New, Ct));

        error.Message.ShouldStartWith("Argo CD refused to sync todo-api to 1a2b3c4 (400: rpc error: code = Unknown desc = unable to resolve '1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b' to a commit SHA).");
    }

    [Fact]
    public async Task WithAutoSyncOnNoSyncIsRequestedAndTheResultSaysArgoCdAppliedIt()
    {
        var app = _api.Add(new FakeArgoApplication("todo-api", Old) { AutoSync = true, HeadRevision = New });

        var result = await Argo().SyncAndWaitAsync("todo-api", New, Ct);

        result.Skipped.ShouldBe("auto-sync is on: Argo CD applied the commit itself");
        result.Revision.ShouldBe(New);
        app.SyncRequests.ShouldBe(0);
        _api.Requests.ShouldNotContain(r => r.StartsWith("POST"));
    }

    [Fact]
    public async Task ARunningOperationIsWaitedForAndThenTheSyncIsRequested()
    {
        var app = _api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New });
        app.StartForeignOperation(Old, polls: 4);

        var result = await Argo().SyncAndWaitAsync("todo-api", New, Ct);

        result.Revision.ShouldBe(New);
        app.SyncRequests.ShouldBe(1);
        var firstPost = _api.Requests.ToList().FindIndex(r => r.StartsWith("POST"));
        _api.Requests.Take(firstPost).Count(r => r.StartsWith("GET")).ShouldBeGreaterThanOrEqualTo(5, "it waited for the foreign operation first");
    }

    [Fact]
    public async Task ASyncRefusedBecauseAnotherOperationStartedIsRetriedOnlyIfThatOperationDidNotApplyOurRevision()
    {
        var app = _api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, ForeignOperationOnNextSync = Old });

        await Argo().SyncAndWaitAsync("todo-api", New, Ct);

        _log.ToString().ShouldContain("todo-api: another operation is in progress; waiting for it to finish before syncing");
        app.SyncRequests.ShouldBe(1, "refused once, accepted once after the foreign operation finished");
        _api.Requests.Count(r => r.StartsWith("POST")).ShouldBe(2);
    }

    [Fact]
    public async Task AForeignOperationThatAppliedOurRevisionMakesASecondSyncUnnecessary()
    {
        var app = _api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, ForeignOperationOnNextSync = New });

        await Argo().SyncAndWaitAsync("todo-api", New, Ct);

        _api.Requests.Count(r => r.StartsWith("POST")).ShouldBe(1);
        app.SyncRequests.ShouldBe(0);
    }

    [Fact]
    public async Task DegradedAfterOurRevisionIsSyncedFailsEarlyWithTheHealthMessage()
    {
        _api.Add(new FakeArgoApplication("todo-api", Old)
        {
            HeadRevision = New,
            FinalHealth = "Degraded",
            FinalHealthMessage = "Deployment \"todo-api\" exceeded its progress deadline",
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo(timeout: TimeSpan.FromMinutes(5)).SyncAndWaitAsync("todo-api", New, Ct));

        error.Message.ShouldStartWith("Argo CD application todo-api is Degraded at revision 1a2b3c4: Deployment \"todo-api\" exceeded its progress deadline.");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AFailedSyncOperationFailsEarlyWithArgoCdsMessage()
    {
        _api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, FinalPhase = "Failed" });

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo().SyncAndWaitAsync("todo-api", New, Ct));

        error.Message.ShouldStartWith("Argo CD sync of todo-api to 1a2b3c4 ended Failed: one or more objects failed to apply");
    }

    [Fact]
    public async Task ARejectedTokenIsAOneLineErrorThatNeverShowsTheToken()
    {
        _api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New });
        const string wrong = "not-the-token-s3cr3t";

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo(token: wrong).SyncAndWaitAsync("todo-api", New, Ct));

        error.Message.ShouldBe(
            $"Argo CD at {_api.Url} rejected the token (401 Unauthorized: invalid session: token signature is invalid). " +
            "Check --argocd-token (an API token of an account allowed to get and sync 'todo-api').");
        error.Message.ShouldNotContain(wrong);
        _log.ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task NoArgoCdConfiguredSkipsWithTheReason()
    {
        var result = await new SkippedArgoCd("--argocd-server is not set", _log).SyncAndWaitAsync("todo-api", New, Ct);

        result.Skipped.ShouldBe("--argocd-server is not set");
        _log.ToString().ShouldContain("todo-api: Argo CD sync skipped: --argocd-server is not set");
    }
}
