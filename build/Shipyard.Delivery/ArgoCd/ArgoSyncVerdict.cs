namespace Shipyard.Delivery.ArgoCd;

/// <summary>What one observation of an application means for Deploy's wait: has Argo CD applied the revision?</summary>
internal enum ArgoSyncVerdict
{
    /// <summary>Not there yet: old revision, OutOfSync, an operation requested or running, or no operation for us yet.</summary>
    Waiting,

    /// <summary>Synced at the revision, by an operation for that revision that Succeeded.</summary>
    Synced,

    /// <summary>The operation for the revision ended Failed or Error.</summary>
    Failed,
}

/// <summary>The pure rules of the sync wait, kept apart from the watcher so every case is testable without a server.</summary>
internal static class ArgoSyncVerdicts
{
    extension(ArgoSyncVerdict)
    {
        /// <summary>Judges one observation. The old revision Synced (and Healthy) is never success.</summary>
        public static ArgoSyncVerdict Of(ArgoApplication app, string revision)
        {
            var status = app.Status;
            var op = status?.OperationState;
            var operationForUs = op?.SyncResult?.Revision == revision;
            if (operationForUs && !app.OperationInProgress && op!.Phase is "Failed" or "Error") return ArgoSyncVerdict.Failed;
            if (app.OperationInProgress || !operationForUs || op!.Phase != "Succeeded") return ArgoSyncVerdict.Waiting;
            return status?.Sync is { Status: "Synced" } sync && sync.Revision == revision ? ArgoSyncVerdict.Synced : ArgoSyncVerdict.Waiting;
        }

        /// <summary>True when no operation has applied (or is applying) the revision: a sync request is due.</summary>
        public static bool NeedsSync(ArgoApplication app, string revision) =>
            app.Status?.OperationState?.SyncResult?.Revision != revision || app.Status.OperationState.Phase is "Failed" or "Error";
    }
}
