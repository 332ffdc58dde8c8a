namespace Shipyard.Delivery.ArgoCd;

/// <summary>What one observation of an application means for Verify's wait: does the revision run healthy?</summary>
internal enum ArgoHealthVerdict
{
    /// <summary>Not there yet: another revision, an operation running, Progressing, Suspended, Missing or Unknown.</summary>
    Waiting,

    /// <summary>Synced at the revision, no operation running, and Healthy.</summary>
    Healthy,

    /// <summary>The revision is applied but the application is Degraded, or the operation for it failed: no point waiting.</summary>
    Degraded,
}

/// <summary>The pure rules of the health wait, kept apart from the watcher.</summary>
internal static class ArgoHealthVerdicts
{
    extension(ArgoHealthVerdict)
    {
        /// <summary>Judges one observation; health of any other revision does not count.</summary>
        public static ArgoHealthVerdict Of(ArgoApplication app, string revision)
        {
            if (ArgoSyncVerdict.Of(app, revision) == ArgoSyncVerdict.Failed) return ArgoHealthVerdict.Degraded;
            var status = app.Status;
            if (app.OperationInProgress || status?.Sync?.Revision != revision || status.Sync.Status != "Synced") return ArgoHealthVerdict.Waiting;
            return status.Health?.Status switch
            {
                "Healthy" => ArgoHealthVerdict.Healthy,
                "Degraded" => ArgoHealthVerdict.Degraded,
                _ => ArgoHealthVerdict.Waiting, // Progressing, Suspended, Missing, Unknown: keep waiting within the deadline
            };
        }
    }
}
