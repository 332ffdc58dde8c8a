using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>Records which revision each application was asked to sync (and to be healthy at); optionally fails.</summary>
internal sealed class RecordingArgoCd(List<string> synced, Action? onSync = null) : IArgoCd
{
    public Task<ArgoSyncResult> SyncAsync(string application, string expectedRevision, CancellationToken cancellationToken)
    {
        lock (synced) synced.Add($"{application}@{expectedRevision}");
        onSync?.Invoke();
        return Task.FromResult(new ArgoSyncResult(application, expectedRevision, ArgoSyncMode.Requested, TimeSpan.Zero,
            $"synced {expectedRevision[..Math.Min(7, expectedRevision.Length)]} on request (waited 0.0 s)"));
    }

    public Task<ArgoHealthResult> WaitHealthyAsync(string application, string expectedRevision, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        lock (synced) synced.Add($"{application}@{expectedRevision} healthy");
        return Task.FromResult(new ArgoHealthResult(application, expectedRevision, "Healthy", TimeSpan.Zero, "Healthy (recorded)"));
    }
}
