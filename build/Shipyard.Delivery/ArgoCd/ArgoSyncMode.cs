namespace Shipyard.Delivery.ArgoCd;

/// <summary>How the revision came to be synced.</summary>
public enum ArgoSyncMode
{
    /// <summary>Auto-sync is on: Argo CD applied the commit itself and the build waited and checked.</summary>
    AutoSync,

    /// <summary>The build asked Argo CD to sync the revision.</summary>
    Requested,

    /// <summary>An operation the build did not start (a sync from the UI, another run) applied the revision.</summary>
    External,

    /// <summary>No Argo CD is configured: nothing was synced or checked.</summary>
    Skipped,
}
