using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Notifications;
using Shipyard.Delivery.Records;

namespace Shipyard.Delivery.Tests.Records;

/// <summary>The revision Argo CD actually applied, as the record's facts and the notifications name it.</summary>
public sealed class ArgoRevisionRecordTests
{
    private const string Ours = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e";
    private const string Newer = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";

    private static DeliveryRecord Deployed(ArgoSyncResult? sync) => new DeliveryRecord("todo-api").With(new DeployedEntry
    {
        Status = StageStatus.Succeeded,
        Note = "deployed",
        Image = new ImageReference("reg", "todo-api", "abc1234"),
        Strategy = "gitops",
        Receipt = new GitOpsReceipt { Image = new ImageReference("reg", "todo-api", "abc1234"), Repository = "r@main", ManifestPath = "m", Commit = Ours, Revision = Ours, Sync = sync, Note = "n" },
    });

    [Fact]
    public void ADeploySyncedAtANewerRevisionNamesItBesideItsOwnCommit()
    {
        var record = Deployed(new ArgoSyncResult("todo-api", Ours, ArgoSyncMode.AutoSync, TimeSpan.FromSeconds(3), "auto-sync") { Live = Newer });

        var facts = DeliveryFacts.Of(record.Deployed!);

        facts[DeliveryFacts.Commit].ShouldBe(Ours);
        facts[DeliveryFacts.Revision].ShouldBe(Ours);
        facts[DeliveryFacts.ArgoCdRevision].ShouldBe(Newer);
        DeliveryViews.Of(record, finished: true).ArgoCdRevision.ShouldBe(Newer);
    }

    [Fact]
    public void WithoutArgoCdThereIsNoArgoCdRevision()
    {
        var record = Deployed(new ArgoSyncResult("todo-api", Ours, ArgoSyncMode.Skipped, TimeSpan.Zero, "skipped"));

        DeliveryFacts.Of(record.Deployed!).ContainsKey(DeliveryFacts.ArgoCdRevision).ShouldBeFalse();
        DeliveryViews.Of(record, finished: true).ArgoCdRevision.ShouldBeNull();
        DeliveryFacts.Of(new VerifiedEntry { Status = StageStatus.Succeeded, Note = "ok", Source = "argocd", Revision = Newer })[DeliveryFacts.ArgoCdRevision].ShouldBe(Newer);
    }
}
