using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Deploy;

/// <summary>What one deploy (or rollback) did: the input of Verify, Rollback and the run summary.</summary>
public sealed record DeployResult
{
    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>The image now deployed.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The image the deploy replaced (the rollback target), when the manifest named one.</summary>
    public ImageReference? Previous { get; init; }

    /// <summary>Where the change was written (GitOps repository and branch; no credentials).</summary>
    public string? Repository { get; init; }

    /// <summary>SHA of the commit this deploy pushed; null when the version was already deployed.</summary>
    public string? Commit { get; init; }

    /// <summary>The revision that must be live: the pushed commit, or the tip that already had the version.</summary>
    public string? Revision { get; init; }

    /// <summary>Fencing token of the deploy lock held during the write, if a lock was configured.</summary>
    public string? FencingToken { get; init; }

    /// <summary>True when the target already had this version and nothing was committed.</summary>
    public bool AlreadyDeployed { get; init; }

    /// <summary>Push attempts made (more than one when other writers raced).</summary>
    public int Attempts { get; init; }

    /// <summary>The Argo CD sync outcome, when Argo CD is configured.</summary>
    public ArgoSyncResult? Sync { get; init; }

    /// <summary>One line for the summary table.</summary>
    public required string Note { get; init; }
}
