namespace Shipyard.Delivery.ArgoCd;

/// <summary>No Argo CD configured: both steps are skipped, with the reason in the result's note.</summary>
internal sealed class SkippedArgoCd(string reason, TextWriter log) : IArgoCd
{
    /// <inheritdoc />
    public async Task<ArgoSyncResult> SyncAsync(string application, string expectedRevision, IRevisionLineage? lineage, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"{application}: Argo CD sync skipped: {reason}");
        return new ArgoSyncResult(application, expectedRevision, ArgoSyncMode.Skipped, TimeSpan.Zero, $"skipped: {reason}");
    }

    /// <inheritdoc />
    public async Task<ArgoHealthResult> WaitHealthyAsync(
        string application, string expectedRevision, IRevisionLineage? lineage, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"{application}: Argo CD health check skipped: {reason}");
        return new ArgoHealthResult(application, expectedRevision, "Unknown", TimeSpan.Zero, $"skipped: {reason}", Skipped: true);
    }
}
