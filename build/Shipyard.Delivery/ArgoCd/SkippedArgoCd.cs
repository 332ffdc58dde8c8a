namespace Shipyard.Delivery.ArgoCd;

/// <summary>No Argo CD configured: the sync-and-wait is skipped, with the reason in the result.</summary>
internal sealed class SkippedArgoCd(string reason, TextWriter log) : IArgoCd
{
    /// <inheritdoc />
    public async Task<ArgoSyncResult> SyncAndWaitAsync(string application, string expectedRevision, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"{application}: Argo CD sync skipped: {reason}");
        return new ArgoSyncResult(application, expectedRevision, "Unknown", "Unknown", reason);
    }
}
