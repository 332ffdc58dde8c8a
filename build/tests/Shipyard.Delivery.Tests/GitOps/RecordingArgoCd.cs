using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>Records which revision each application was asked to sync to; optionally fails.</summary>
internal sealed class RecordingArgoCd(List<string> synced, Action? onSync = null) : IArgoCd
{
    public Task<ArgoSyncResult> SyncAndWaitAsync(string application, string expectedRevision, CancellationToken cancellationToken)
    {
        lock (synced) synced.Add($"{application}@{expectedRevision}");
        onSync?.Invoke();
        return Task.FromResult(new ArgoSyncResult(application, expectedRevision, "Synced", "Healthy"));
    }
}
