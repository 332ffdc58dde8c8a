using System.Text.Json;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>"another operation is already in progress" (HTTP 400, gRPC code 9): wait for that operation, never hammer.</summary>
public sealed class ArgoCdBusyTests : ArgoFixture
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnOperationStartingBetweenTheReadAndThePostEndsInSuccessWithOneRefusalForThatOperation(bool watch)
    {
        // The fake starts somebody else's sync of the old revision when our POST arrives, and refuses the POST.
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, ForeignOperationOnNextSync = Old, OperationTicks = 10 });

        var result = await Argo(watch: watch).SyncAsync("todo-api", New, null, Ct);

        result.Mode.ShouldBe(ArgoSyncMode.Requested);
        Log.ToString().ShouldContain("todo-api: another operation is in progress; waiting for it to finish before syncing");
        app.RefusedPerOperation.Count.ShouldBe(1);
        app.RefusedPerOperation.Values.ShouldAllBe(refusals => refusals == 1);
        app.SyncRequests.ShouldBe(1, "accepted once, after the foreign operation finished");
        Posts.ShouldBe(2);
    }

    [Fact]
    public async Task AForeignOperationThatAppliedOurRevisionMakesASecondPostUnnecessary()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, ForeignOperationOnNextSync = New });

        var result = await Argo().SyncAsync("todo-api", New, null, Ct);

        result.Mode.ShouldBe(ArgoSyncMode.External);
        result.Note.ShouldStartWith("Synced at 1a2b3c4 by an operation this build did not start");
        Posts.ShouldBe(1);
        app.SyncRequests.ShouldBe(0);
    }

    [Fact]
    public async Task ARunningOperationIsWaitedForBeforeTheSyncIsRequested()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New });
        app.StartForeignOperation(Old, ticks: 10);

        await Argo().SyncAsync("todo-api", New, null, Ct);

        Posts.ShouldBe(1);
        app.RefusedPerOperation.ShouldBeEmpty();
        app.SyncRequests.ShouldBe(1);
    }

    [Fact]
    public void AfterARefusalNoSecondPostComesUntilThatOperationWasSeenOrLeftItsTraces()
    {
        var idle = Application(running: false, finishedAt: "2026-01-01T10:00:00Z");
        var requests = new ArgoSyncRequests(autoSync: false);

        requests.ShouldRequest(idle, ArgoRevisions.Exactly(New)).ShouldBeTrue();
        requests.Record(idle, accepted: false);

        requests.ShouldRequest(idle, ArgoRevisions.Exactly(New)).ShouldBeFalse("the same picture as before the refusal: the refusing operation was not seen yet");
        requests.ShouldRequest(Application(running: true, finishedAt: null), ArgoRevisions.Exactly(New)).ShouldBeFalse();
        requests.ShouldRequest(idle, ArgoRevisions.Exactly(New)).ShouldBeTrue("the operation was seen running and is over");
        requests.Record(idle, accepted: false);
        requests.ShouldRequest(Application(running: false, finishedAt: "2026-01-01T10:00:03Z"), ArgoRevisions.Exactly(New)).ShouldBeTrue("it ran and finished between two looks");
        requests.Refused.ShouldBe(2);
    }

    [Fact]
    public void WithAutoSyncOnOrAfterAnAcceptedPostNoPostIsDue()
    {
        var idle = Application(running: false, finishedAt: "2026-01-01T10:00:00Z");
        new ArgoSyncRequests(autoSync: true).ShouldRequest(idle, ArgoRevisions.Exactly(New)).ShouldBeFalse();
        var requests = new ArgoSyncRequests(autoSync: false);
        requests.Record(idle, accepted: true);
        requests.ShouldRequest(idle, ArgoRevisions.Exactly(New)).ShouldBeFalse();
    }

    private static ArgoApplication Application(bool running, string? finishedAt)
    {
        var finished = finishedAt is null ? "" : $", \"finishedAt\": \"{finishedAt}\"";
        var json = $$"""
            {"status": {"sync": {"status": "Synced", "revision": "{{Old}}"}, "health": {"status": "Healthy"},
             "operationState": {"phase": "{{(running ? "Running" : "Succeeded")}}", "syncResult": {"revision": "{{Old}}"},
                                "startedAt": "2026-01-01T10:00:00Z"{{finished}} } } }
            """;
        return JsonSerializer.Deserialize<ArgoApplication>(json, JsonSerializerOptions.Web)!;
    }
}
