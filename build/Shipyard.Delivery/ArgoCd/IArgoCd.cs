namespace Shipyard.Delivery.ArgoCd;

/// <summary>The Argo CD operations a deploy needs.</summary>
public interface IArgoCd
{
    /// <summary>
    /// Asks Argo CD to sync <paramref name="application"/> to <paramref name="expectedRevision"/> (the pushed
    /// GitOps commit) and waits until the application reports that revision as synced and healthy, or fails.
    /// </summary>
    /// <param name="application">Argo CD application name.</param>
    /// <param name="expectedRevision">Full SHA of the GitOps commit that must be live.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The application's final state.</returns>
    Task<ArgoSyncResult> SyncAndWaitAsync(string application, string expectedRevision, CancellationToken cancellationToken);
}
