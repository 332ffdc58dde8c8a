namespace Shipyard.Delivery.ArgoCd;

/// <summary>What one observation of an application means for a wait on a revision.</summary>
internal enum ArgoVerdict
{
    /// <summary>Not there yet (old revision, OutOfSync, Progressing, Missing, Unknown, operation running).</summary>
    Waiting,

    /// <summary>Synced to the revision by a Succeeded operation, and Healthy.</summary>
    Live,

    /// <summary>Our revision is synced but the application is Degraded.</summary>
    Degraded,

    /// <summary>The sync operation for our revision ended Failed or Error.</summary>
    SyncFailed,
}

/// <summary>Pure rules of the wait, kept apart so every case is testable without a server.</summary>
internal static class ArgoVerdicts
{
    extension(ArgoVerdict)
    {
        /// <summary>Judges one observation.</summary>
        public static ArgoVerdict Of(ArgoApplication app, string revision)
        {
            var status = app.Status;
            var op = status?.OperationState;
            var operationForUs = op?.SyncResult?.Revision == revision;
            var synced = status?.Sync?.Status == "Synced" && status.Sync.Revision == revision;
            if (operationForUs && op!.Phase is "Failed" or "Error") return ArgoVerdict.SyncFailed;
            if (!synced || !operationForUs || op!.Phase != "Succeeded" || app.Operation is not null) return ArgoVerdict.Waiting;
            return status!.Health?.Status switch
            {
                "Healthy" => ArgoVerdict.Live,
                "Degraded" => ArgoVerdict.Degraded,
                _ => ArgoVerdict.Waiting, // Progressing, Suspended, Missing, Unknown: keep waiting within the deadline
            };
        }

        /// <summary>True when no operation has applied (or is applying) the revision yet.</summary>
        public static bool NeedsSync(ArgoApplication app, string revision) =>
            app.Status?.OperationState?.SyncResult?.Revision != revision || app.Status.OperationState.Phase is "Failed" or "Error";
    }
}
