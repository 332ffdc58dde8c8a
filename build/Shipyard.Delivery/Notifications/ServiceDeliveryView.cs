namespace Shipyard.Delivery.Notifications;

/// <summary>
/// One service's delivery as notifications show it: plain data mapped from the pipeline's delivery record. Optional
/// parts are null when that stage did not run or does not apply (an SSM deploy has no GitOps commit).
/// </summary>
public sealed record ServiceDeliveryView
{
    /// <summary>The service name, e.g. <c>todo-api</c>.</summary>
    public required string Service { get; init; }

    /// <summary>Where it stands.</summary>
    public required DeliveryStatus Status { get; init; }

    /// <summary>The version tag deployed, e.g. <c>1.4.2</c> or <c>sha-1a2b3c4</c>.</summary>
    public string? VersionTag { get; init; }

    /// <summary>The pushed image digest, <c>sha256:…</c>.</summary>
    public string? Digest { get; init; }

    /// <summary>The image repository without tag, e.g. <c>ghcr.io/acme/todo-api</c>.</summary>
    public string? Image { get; init; }

    /// <summary><c>gitops</c> or <c>ssm</c>; null when the run only built (no deploy follows).</summary>
    public string? Strategy { get; init; }

    /// <summary>Time since this service's delivery started.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The stage that failed (e.g. <c>Verify</c>), when one did.</summary>
    public string? FailedStage { get; init; }

    /// <summary>The one-line error of <see cref="FailedStage"/>.</summary>
    public string? Error { get; init; }

    /// <summary>The version tag a rollback restored (or tried to).</summary>
    public string? RollbackTarget { get; init; }

    /// <summary>The source commit (or tag) of <see cref="RollbackTarget"/>, when known: the ref of the restored GitHub deployment.</summary>
    public string? RollbackTargetRef { get; init; }

    /// <summary>The revision Argo CD reported as synced.</summary>
    public string? ArgoCdRevision { get; init; }

    /// <summary>The GitOps commit that set the image.</summary>
    public string? GitOpsCommit { get; init; }

    /// <summary>The SSM command id of an SSM deploy.</summary>
    public string? SsmCommandId { get; init; }

    /// <summary>Where the deployed service can be seen (the GitHub deployment's environment URL), when known.</summary>
    public Uri? EnvironmentUrl { get; init; }

    /// <summary>The stages in the order they ran.</summary>
    public IReadOnlyList<StageView> Stages { get; init; } = [];
}
