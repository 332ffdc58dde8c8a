using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Deploy;

/// <summary>
/// What one deploy (or rollback) changed, as its strategy reports it: the input of Verify, Rollback and the reports.
/// Each strategy adds its own proof (<see cref="GitOpsReceipt"/>, <see cref="SsmReceipt"/>).
/// </summary>
public abstract record DeployReceipt
{
    /// <summary>The strategy's catalog name.</summary>
    public abstract string Strategy { get; }

    /// <summary>The image now deployed.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The image it replaced, when known: the default rollback target.</summary>
    public ImageReference? Previous { get; init; }

    /// <summary>False when the target already had this image and nothing was changed.</summary>
    public bool Changed { get; init; } = true;

    /// <summary>One line for the summary table.</summary>
    public required string Note { get; init; }

    /// <summary>What a rollback of this deploy reverts (the commit, the command), when anything changed.</summary>
    public abstract string? ChangeId { get; }
}
