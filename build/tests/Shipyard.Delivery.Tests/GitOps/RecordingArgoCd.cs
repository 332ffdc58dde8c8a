using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>Records which revision each application was asked to sync (and to be healthy at); optionally fails.</summary>
internal sealed class RecordingArgoCd(List<string> synced, Action? onSync = null) : IArgoCd
{
    /// <summary>Sees the lineage a sync was given, while the sync waits (after it the caller disposes it).</summary>
    public Func<IRevisionLineage?, string, Task>? OnLineage { get; init; }

    public async Task<ArgoSyncResult> SyncAsync(string application, string expectedRevision, IRevisionLineage? lineage, CancellationToken cancellationToken)
    {
        lock (synced) synced.Add($"{application}@{expectedRevision}");
        onSync?.Invoke();
        if (OnLineage is not null) await OnLineage(lineage, expectedRevision);
        return new ArgoSyncResult(application, expectedRevision, ArgoSyncMode.Requested, TimeSpan.Zero,
            $"synced {expectedRevision[..Math.Min(7, expectedRevision.Length)]} on request (waited 0.0 s)");
    }

    public Task<ArgoHealthResult> WaitHealthyAsync(
        string application, string expectedRevision, IRevisionLineage? lineage, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        lock (synced) synced.Add($"{application}@{expectedRevision} healthy");
        return Task.FromResult(new ArgoHealthResult(application, expectedRevision, "Healthy", TimeSpan.Zero, "Healthy (recorded)"));
    }
}
