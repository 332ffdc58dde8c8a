using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Records;

/// <summary>What Rollback did: the version it undid, the one it restored, and whether that one was verified.</summary>
public sealed record RolledBackEntry : StageEntry
{
    /// <summary>The version rolled back.</summary>
    public ImageReference? From { get; init; }

    /// <summary>The version restored.</summary>
    public ImageReference? To { get; init; }

    /// <summary>What the rollback changed (its commit or command).</summary>
    public DeployReceipt? Receipt { get; init; }

    /// <summary>The verification of the restored version; null when it could not be verified.</summary>
    public VerifiedEntry? Verified { get; init; }
}
