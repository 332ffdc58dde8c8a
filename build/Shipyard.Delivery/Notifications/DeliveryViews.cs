using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Records;
using Shipyard.Engine;

namespace Shipyard.Delivery.Notifications;

/// <summary>Maps the pipeline's delivery records onto what notifications show. Pure.</summary>
public static class DeliveryViews
{
    /// <summary>The run as notifications name it.</summary>
    public static DeliveryRun Run(string environment, Versioning.CiRun? ci, string? sha) =>
        new(environment, ci is null ? CiLinks.None with { Sha = sha } : new CiLinks(ci.Server, ci.Repository, ci.RunId, ci.Sha ?? sha, ci.Actor));

    /// <summary>One service's view; <paramref name="finished"/> false while the run still goes on.</summary>
    public static ServiceDeliveryView Of(DeliveryRecord record, bool finished, bool cancelled = false)
    {
        var stages = Stages(record).ToList();
        var failed = stages.FirstOrDefault(s => s.Entry.Status == StageStatus.Failed && s.Name != "Rollback");
        var image = record.Deployed?.Image ?? record.Pushed?.Image ?? record.Built?.Image;
        var gitOps = record.Deployed?.Receipt as GitOpsReceipt;
        return new ServiceDeliveryView
        {
            Service = record.Service,
            Status = Status(record, finished, cancelled),
            VersionTag = image?.Tag,
            Digest = image?.Digest,
            Image = image?.Name,
            Strategy = record.Deployed?.Strategy,
            Duration = stages.Aggregate(TimeSpan.Zero, (total, s) => total + s.Entry.Duration),
            FailedStage = failed.Name,
            Error = failed.Entry?.Note,
            RollbackTarget = record.RolledBack?.To?.Tag,
            ArgoCdRevision = gitOps?.Sync is { Skipped: false } sync ? sync.Live : null,
            GitOpsCommit = gitOps?.Commit,
            SsmCommandId = (record.Deployed?.Receipt as SsmReceipt)?.CommandId,
            Stages = [.. stages.Select(s => new StageView(s.Name, Target(s.Entry.Status), s.Entry.Duration, s.Entry.Note))],
        };
    }

    private static DeliveryStatus Status(DeliveryRecord record, bool finished, bool cancelled) => record.Outcome switch
    {
        DeliveryOutcome.RolledBack => DeliveryStatus.RolledBack,
        DeliveryOutcome.RollbackFailed => DeliveryStatus.RollbackFailed,
        DeliveryOutcome.Failed => DeliveryStatus.Failed,
        _ when cancelled => DeliveryStatus.Cancelled,
        _ => finished ? DeliveryStatus.Succeeded : DeliveryStatus.Started,
    };

    private static IEnumerable<(string Name, StageEntry Entry)> Stages(DeliveryRecord record)
    {
        if (record.Built is { } built) yield return ("Build", built);
        if (record.Pushed is { } pushed) yield return ("Push", pushed);
        if (record.Deployed is { } deployed) yield return ("Deploy", deployed);
        if (record.Verified is { } verified) yield return ("Verify", verified);
        if (record.RolledBack is { } rolledBack) yield return ("Rollback", rolledBack);
    }

    private static TargetStatus Target(StageStatus status) => status switch
    {
        StageStatus.Succeeded => TargetStatus.Succeeded,
        StageStatus.Failed => TargetStatus.Failed,
        _ => TargetStatus.Skipped,
    };
}
