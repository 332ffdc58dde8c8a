using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Delivery.Deploy;

/// <summary>What a GitOps deploy wrote: the commit in the GitOps repository, and the Argo CD sync of it.</summary>
public sealed record GitOpsReceipt : DeployReceipt
{
    /// <inheritdoc/>
    public override string Strategy => "gitops";

    /// <summary>The GitOps repository and branch (no credentials).</summary>
    public required string Repository { get; init; }

    /// <summary>The manifest file that was edited.</summary>
    public required string ManifestPath { get; init; }

    /// <summary>SHA of the commit this deploy pushed; null when the version was already there.</summary>
    public string? Commit { get; init; }

    /// <summary>The revision that must be live: the pushed commit, or the tip that already had the version.</summary>
    public required string Revision { get; init; }

    /// <summary>Fencing token of the deploy lock held during the write, when a lock was configured.</summary>
    public string? FencingToken { get; init; }

    /// <summary>Push attempts made (more than one when other writers raced).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The Argo CD sync of <see cref="Revision"/>, when Argo CD is configured.</summary>
    public ArgoSyncResult? Sync { get; init; }

    /// <inheritdoc/>
    public override string? ChangeId => Commit;
}
