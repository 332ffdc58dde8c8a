namespace Shipyard.Delivery.Locks;

/// <summary>
/// A mutual-exclusion lock around a deploy's write to the GitOps repository and the Argo CD sync that follows.
/// Implementations: a Kubernetes Lease, a git ref, a GitHub repository variable, or none.
/// </summary>
public interface IDeployLock
{
    /// <summary>
    /// Waits until the lock for <paramref name="key"/> (e.g. the service or application name) is held by this run,
    /// and returns the handle that releases it when disposed.
    /// </summary>
    /// <param name="key">What is being locked; deploys with different keys do not exclude each other.</param>
    /// <param name="cancellationToken">Stops waiting; nothing stays held.</param>
    /// <returns>The held lock; dispose it (also on failure and cancellation) to release.</returns>
    Task<ILockHandle> AcquireAsync(string key, CancellationToken cancellationToken);
}
