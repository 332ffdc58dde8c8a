namespace Shipyard.Delivery.ArgoCd;

/// <summary>What one observation of an application means for Deploy's wait: has Argo CD applied the revision?</summary>
internal enum ArgoSyncVerdict
{
    /// <summary>Not there yet: old revision, OutOfSync, an operation requested or running, or no operation for us yet.</summary>
    Waiting,

    /// <summary>Synced at a revision that counts, by an operation for a revision that counts that Succeeded.</summary>
    Synced,

    /// <summary>The operation for a revision that counts ended Failed or Error.</summary>
    Failed,
}

/// <summary>
/// The pure rules of the sync wait, kept apart from the watcher so every case is testable without a server. A revision
/// counts when it is ours or contains ours (<see cref="ArgoRevisions"/>): a newer commit another writer pushed on top of
/// ours is as good as ours, the old revision never is.
/// </summary>
internal static class ArgoSyncVerdicts
{
    extension(ArgoSyncVerdict)
    {
        /// <summary>Judges one observation. The old revision Synced (and Healthy) is never success.</summary>
        public static ArgoSyncVerdict Of(ArgoApplication app, ArgoRevisions revisions)
        {
            var status = app.Status;
            var op = status?.OperationState;
            var operationForUs = revisions.Accepts(op?.SyncResult?.Revision);
            if (operationForUs && !app.OperationInProgress && op!.Phase is "Failed" or "Error") return ArgoSyncVerdict.Failed;
            if (app.OperationInProgress || !operationForUs || op!.Phase != "Succeeded") return ArgoSyncVerdict.Waiting;
            return status?.Sync is { Status: "Synced" } sync && revisions.Accepts(sync.Revision) ? ArgoSyncVerdict.Synced : ArgoSyncVerdict.Waiting;
        }

        /// <summary>True when no operation has applied (or is applying) a revision that counts: a sync request is due.</summary>
        public static bool NeedsSync(ArgoApplication app, ArgoRevisions revisions) =>
            !revisions.Accepts(app.Status?.OperationState?.SyncResult?.Revision) || app.Status!.OperationState!.Phase is "Failed" or "Error";

        /// <summary>
        /// The revision a sync request names: the one Argo CD compares against when it contains ours (a newer commit
        /// on the branch), else ours. Never ours when a newer one that contains it is known: syncing back to ours would
        /// take the other writers' changes off the cluster again.
        /// </summary>
        public static string SyncTarget(ArgoApplication app, ArgoRevisions revisions) =>
            app.Status?.Sync?.Revision is { } compared && revisions.Accepts(compared) ? compared : revisions.Ours;
    }
}
