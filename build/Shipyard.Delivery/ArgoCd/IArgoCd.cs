namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Argo CD as Deploy and Verify use it. Deploy means "told": <see cref="SyncAsync"/> ends when the pushed revision is
/// Synced by a Succeeded operation. Verify means "running": <see cref="WaitHealthyAsync"/> judges Argo CD's health at
/// that revision, for when the cluster itself cannot be reached.
/// </summary>
public interface IArgoCd
{
    /// <summary>
    /// Asks Argo CD to refresh, syncs <paramref name="expectedRevision"/> unless auto-sync applies it, and waits until
    /// the application's synced revision is it, Synced, with the operation for it Succeeded. With a
    /// <paramref name="lineage"/> a newer revision that contains ours counts the same (another deploy pushed on top
    /// before Argo CD looked), and a sync request then names that newer revision, never ours. The old revision Synced
    /// is never success. A sync refused because another operation runs waits for that operation, then syncs only if
    /// no revision that counts is applied.
    /// </summary>
    /// <param name="application">Argo CD application name.</param>
    /// <param name="expectedRevision">Full SHA of the GitOps commit that must be applied.</param>
    /// <param name="lineage">Tells whether a revision Argo CD reports contains ours; null: only ours counts.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ArgoCdFailedException">The operation failed (with the resources' reasons) or the timeout passed.</exception>
    Task<ArgoSyncResult> SyncAsync(string application, string expectedRevision, IRevisionLineage? lineage, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the application is Healthy at <paramref name="expectedRevision"/> (with a <paramref name="lineage"/>:
    /// or at a newer revision that contains it): Progressing waits, Degraded fails at once with the unhealthy
    /// resources' own messages, and <paramref name="deadline"/> ends the wait when it comes.
    /// </summary>
    /// <param name="application">Argo CD application name.</param>
    /// <param name="expectedRevision">Full SHA of the GitOps commit that must run.</param>
    /// <param name="lineage">Tells whether a revision Argo CD reports contains ours; null: only ours counts.</param>
    /// <param name="deadline">When to give up (on the component's clock).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ArgoCdFailedException">Degraded, the operation failed, or the deadline passed.</exception>
    Task<ArgoHealthResult> WaitHealthyAsync(
        string application, string expectedRevision, IRevisionLineage? lineage, DateTimeOffset deadline, CancellationToken cancellationToken);
}
