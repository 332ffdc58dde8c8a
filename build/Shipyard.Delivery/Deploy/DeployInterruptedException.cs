namespace Shipyard.Delivery.Deploy;

/// <summary>
/// A deploy was cancelled (Ctrl-C) after it changed something (the commit was pushed, the sync wait was stopped): still
/// a cancellation, but carrying the receipt so the run records what changed and a later Rollback can undo it.
/// </summary>
public sealed class DeployInterruptedException(string message, DeployReceipt changed, OperationCanceledException inner)
    : OperationCanceledException(message, inner, inner.CancellationToken)
{
    /// <summary>What the deploy changed before it was interrupted.</summary>
    public DeployReceipt Changed { get; } = changed;
}
