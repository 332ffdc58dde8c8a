using System.Text.Json;
using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>
/// The pure rules when Argo CD reports a revision other than ours: a newer one that contains ours (another deploy
/// pushed on top before Argo CD looked) counts as ours, any other one — the old revision, another history — never does.
/// </summary>
public sealed class ArgoRevisionVerdictTests
{
    private const string Old = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0";
    private const string Ours = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e";
    private const string Newer = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";
    private const string Rewritten = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

    // What the poller hands the verdicts after asking the lineage: Newer contains ours, Old and Rewritten do not.
    private static readonly ArgoRevisions Counting = ArgoRevisions.Exactly(Ours).With(Newer);

    [Fact]
    public void ANewerRevisionThatContainsOursSyncedByASucceededOperationIsSynced()
    {
        var app = App(sync: "Synced", at: Newer, phase: "Succeeded", op: Newer);

        ArgoSyncVerdict.Of(app, Counting).ShouldBe(ArgoSyncVerdict.Synced);
        ArgoHealthVerdict.Of(app, Counting).ShouldBe(ArgoHealthVerdict.Healthy);
        ArgoSyncVerdict.Of(app, ArgoRevisions.Exactly(Ours)).ShouldBe(ArgoSyncVerdict.Waiting, "without the lineage's answer only ours counts");
    }

    [Fact]
    public void OursAppliedThenComparedAgainstANewerRevisionThatContainsItIsSynced()
    {
        // Our operation ran; since then Argo CD compares against a newer branch head that left this application as it was.
        var app = App(sync: "Synced", at: Newer, phase: "Succeeded", op: Ours);

        ArgoSyncVerdict.Of(app, Counting).ShouldBe(ArgoSyncVerdict.Synced);
    }

    [Fact]
    public void ANewerRevisionThatDoesNotContainOursNeverCounts()
    {
        // Another history (a force push that dropped ours, another branch): Synced, Healthy, and still not ours.
        var app = App(sync: "Synced", at: Rewritten, phase: "Succeeded", op: Rewritten);

        ArgoSyncVerdict.Of(app, Counting).ShouldBe(ArgoSyncVerdict.Waiting);
        ArgoHealthVerdict.Of(app, Counting).ShouldBe(ArgoHealthVerdict.Waiting);
    }

    [Fact]
    public void TheOldRevisionSyncedAndHealthyIsStillNeverSuccess()
    {
        var app = App(sync: "Synced", at: Old, phase: "Succeeded", op: Old);

        ArgoSyncVerdict.Of(app, Counting).ShouldBe(ArgoSyncVerdict.Waiting);
        ArgoHealthVerdict.Of(app, Counting).ShouldBe(ArgoHealthVerdict.Waiting);
        ArgoSyncVerdict.NeedsSync(app, Counting).ShouldBeTrue();
    }

    [Fact]
    public void AFailedOperationOfANewerRevisionThatContainsOursFailsTheWait()
    {
        var app = App(sync: "OutOfSync", at: Newer, phase: "Failed", op: Newer);

        ArgoSyncVerdict.Of(app, Counting).ShouldBe(ArgoSyncVerdict.Failed);
        ArgoHealthVerdict.Of(app, Counting).ShouldBe(ArgoHealthVerdict.Degraded);
    }

    [Fact]
    public void AFailedOperationOfARevisionThatDoesNotContainOursIsNotOurs()
    {
        var app = App(sync: "OutOfSync", at: Rewritten, phase: "Failed", op: Rewritten);

        ArgoSyncVerdict.Of(app, Counting).ShouldBe(ArgoSyncVerdict.Waiting);
        ArgoSyncVerdict.NeedsSync(app, Counting).ShouldBeTrue();
    }

    [Fact]
    public void NoSyncIsRequestedBackToOursWhileANewerRevisionThatContainsItIsAppliedOrApplying()
    {
        var applied = App(sync: "OutOfSync", at: Newer, phase: "Succeeded", op: Newer); // e.g. drift after the operation
        var applying = App(sync: "OutOfSync", at: Newer, phase: "Running", op: Newer);

        ArgoSyncVerdict.NeedsSync(applied, Counting).ShouldBeFalse();
        new ArgoSyncRequests(autoSync: false).ShouldRequest(applied, Counting).ShouldBeFalse();
        new ArgoSyncRequests(autoSync: false).ShouldRequest(applying, Counting).ShouldBeFalse();
        // Exact matching alone would sync back to ours and take the other writers' changes off the cluster.
        new ArgoSyncRequests(autoSync: false).ShouldRequest(applied, ArgoRevisions.Exactly(Ours)).ShouldBeTrue();
    }

    [Fact]
    public void ASyncRequestNamesTheNewerRevisionArgoCdComparesAgainstWhenItContainsOursElseOurs()
    {
        var comparedToNewer = App(sync: "OutOfSync", at: Newer, phase: "Succeeded", op: Old);
        var comparedToOld = App(sync: "Synced", at: Old, phase: "Succeeded", op: Old);
        var comparedToRewritten = App(sync: "OutOfSync", at: Rewritten, phase: "Succeeded", op: Old);

        new ArgoSyncRequests(autoSync: false).ShouldRequest(comparedToNewer, Counting).ShouldBeTrue();
        ArgoSyncVerdict.SyncTarget(comparedToNewer, Counting).ShouldBe(Newer);
        ArgoSyncVerdict.SyncTarget(comparedToOld, Counting).ShouldBe(Ours);
        ArgoSyncVerdict.SyncTarget(comparedToRewritten, Counting).ShouldBe(Ours);
    }

    [Fact]
    public void ANewerRevisionIsDescribedWithOursInTheNotes()
    {
        Counting.Describe(Newer).ShouldBe("1a2b3c4 (contains ours, 9f8e7d6)");
        Counting.Describe(Ours).ShouldBe("9f8e7d6");
        Counting.Accepts(null).ShouldBeFalse();
    }

    private static ArgoApplication App(string sync, string at, string phase, string op, string health = "Healthy")
    {
        var running = phase == "Running" ? """, "operation": {"sync": {}}""" : "";
        var json = $$$"""
            {"status": {"sync": {"status": "{{{sync}}}", "revision": "{{{at}}}"}, "health": {"status": "{{{health}}}"},
             "operationState": {"phase": "{{{phase}}}", "syncResult": {"revision": "{{{op}}}"}, "startedAt": "2026-01-01T10:00:00Z"}}{{{running}}} }
            """;
        return JsonSerializer.Deserialize<ArgoApplication>(json, JsonSerializerOptions.Web)!;
    }
}
