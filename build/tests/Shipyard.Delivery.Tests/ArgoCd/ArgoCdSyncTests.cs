using System.Text.RegularExpressions;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.ArgoCd;

public sealed partial class ArgoCdSyncTests : ArgoFixture
{
    [GeneratedRegex(@"^synced 1a2b3c4 on request \(waited \d+\.\d s\)$")]
    private static partial Regex OnRequest();

    [GeneratedRegex(@"^auto-sync: Synced at 1a2b3c4 \(waited \d+\.\d s\)$")]
    private static partial Regex ByAutoSync();

    [Fact]
    public async Task TheOldRevisionSyncedAndHealthyIsNeverSuccessTheSyncEndsWhenOurOperationSucceeded()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, OperationTicks = 5 });

        var result = await Argo().SyncAsync("todo-api", New, null, Ct);

        result.Mode.ShouldBe(ArgoSyncMode.Requested);
        result.Note.ShouldMatch(OnRequest().ToString());
        app.SyncRequests.ShouldBe(1);
        app.Served[0].ShouldBe($"Synced/Healthy@{Old} op=Succeeded", "the first read showed the old revision Synced+Healthy");
        app.Served[^1].ShouldBe($"Synced/Healthy@{New} op=Succeeded");
        Log.ToString().ShouldContain("todo-api: OutOfSync/Progressing (revision 1a2b3c4, operation Running for 1a2b3c4)");
        Api.Requests[1].ShouldBe("GET /api/v1/applications/todo-api?refresh=normal");
    }

    [Fact]
    public async Task DeployIsToldNotRunningTheSyncEndsAtSucceededWhileHealthIsStillProgressing()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, HealthTicks = 100_000 });

        var result = await Argo().SyncAsync("todo-api", New, null, Ct);

        result.Revision.ShouldBe(New);
        app.Served[^1].ShouldBe($"Synced/Progressing@{New} op=Succeeded");
    }

    [Fact]
    public async Task WithAutoSyncOnNoSyncIsRequestedAndTheNoteSaysAutoSyncSyncedIt()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { AutoSync = true, HeadRevision = New });

        var result = await Argo().SyncAsync("todo-api", New, null, Ct);

        result.Mode.ShouldBe(ArgoSyncMode.AutoSync);
        result.Note.ShouldMatch(ByAutoSync().ToString());
        app.SyncRequests.ShouldBe(0);
        Posts.ShouldBe(0);
    }

    [Fact]
    public async Task AManualSyncToACommitArgoCdCannotResolveFailsWithArgoCdsReason()
    {
        Api.Add(new FakeArgoApplication("todo-api", Old));

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo().SyncAsync("todo-api", New, null, Ct));

        error.Message.ShouldStartWith("Argo CD refused to sync todo-api to 1a2b3c4 (400: rpc error: code = Unknown desc = unable to resolve '1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b' to a commit SHA).");
    }

    [Fact]
    public async Task AFailedSyncOperationFailsWithTheFailedResourceAndTheOperationMessage()
    {
        Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, FinalPhase = "Failed" });

        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => Argo().SyncAsync("todo-api", New, null, Ct));

        error.Message.ShouldBe(
            "Argo CD sync of todo-api to 1a2b3c4 ended Failed: " +
            "Deployment todo/todo-api: Deployment.apps \"todo-api\" is invalid: spec.template.spec.containers[0].image: Required value; " +
            "operation Failed: one or more objects failed to apply, reason: Deployment.apps \"todo-api\" is invalid: spec.template.spec.containers[0].image: Required value. " +
            "Fix the manifests in the GitOps repository and deploy again.");
        error.Reasons.Count.ShouldBe(2);
        Log.ToString().ShouldContain("todo-api:   Deployment todo/todo-api: Deployment.apps");
    }

    [Fact]
    public async Task AFailedHookIsNamedWithItsOwnMessage()
    {
        Api.Add(new FakeArgoApplication("todo-api", Old)
        {
            HeadRevision = New,
            FinalPhase = "Failed",
            FinalSyncResults = [new("Job", "todo-api-migrate", "Synced", "Job has reached the specified backoff limit", HookPhase: "Failed")],
        });

        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => Argo().SyncAsync("todo-api", New, null, Ct));

        error.Reasons[0].ShouldBe("Job todo/todo-api-migrate: Job has reached the specified backoff limit");
    }

    [Fact]
    public async Task ARejectedTokenIsAOneLineErrorThatNeverShowsTheToken()
    {
        Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New });
        const string wrong = "not-the-token-s3cr3t";

        var error = await Should.ThrowAsync<BuildFailedException>(() => Argo(token: wrong).SyncAsync("todo-api", New, null, Ct));

        error.Message.ShouldBe(
            $"Argo CD at {Api.Url} rejected the token (401 Unauthorized: invalid session: token signature is invalid). " +
            "Check the Argo CD token (an API token of an account allowed to get and sync 'todo-api').");
        error.Message.ShouldNotContain(wrong);
        Log.ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task NoArgoCdConfiguredSkipsBothStepsWithTheReasonAndNoFlagName()
    {
        var argo = ArgoCds.Create(null, null, TimeSpan.FromMinutes(1), TimeProvider.System, Log);

        var sync = await argo.SyncAsync("todo-api", New, null, Ct);
        var health = await argo.WaitHealthyAsync("todo-api", New, null, DateTimeOffset.UtcNow.AddMinutes(1), Ct);

        sync.ShouldBe(new ArgoSyncResult("todo-api", New, ArgoSyncMode.Skipped, TimeSpan.Zero, "skipped: no Argo CD server configured"));
        health.Skipped.ShouldBeTrue();
        health.Note.ShouldBe("skipped: no Argo CD server configured");
        Log.ToString().ShouldNotContain("--");
    }
}
