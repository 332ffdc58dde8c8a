using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Records;

/// <summary>
/// What Deploy did: the image it was to deploy and, once it changed anything, the strategy's receipt — kept even when
/// the deploy failed afterwards (the commit was pushed, then the sync failed), so the change can be rolled back.
/// </summary>
public sealed record DeployedEntry : StageEntry
{
    /// <summary>The immutable image the deploy named.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The strategy that deployed it.</summary>
    public required string Strategy { get; init; }

    /// <summary>What changed; null when the deploy failed before changing anything.</summary>
    public DeployReceipt? Receipt { get; init; }

    /// <summary>
    /// True when Ctrl-C cut the deploy off after its change (e.g. while Argo CD synced it): the change is recorded, but
    /// nothing showed it bad, so it is not rolled back on its own.
    /// </summary>
    public bool Interrupted { get; init; }

    /// <summary>True when the deploy changed something: a rollback has something to undo.</summary>
    public bool Changed => Receipt is { Changed: true };
}
