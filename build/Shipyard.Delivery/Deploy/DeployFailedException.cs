using Shipyard.Engine;

namespace Shipyard.Delivery.Deploy;

/// <summary>
/// A deploy failed after it changed something (the commit was pushed, then the sync failed): the receipt says what
/// changed, so the run records it and Rollback can undo exactly that.
/// </summary>
public sealed class DeployFailedException(string message, DeployReceipt changed, Exception? inner = null)
    : BuildFailedException(message, inner)
{
    /// <summary>What the deploy changed before it failed.</summary>
    public DeployReceipt Changed { get; } = changed;
}
