namespace Shipyard.Delivery.ArgoCd;

/// <summary>What one observation of an application means for Verify's wait: does the revision run healthy?</summary>
internal enum ArgoHealthVerdict
{
    /// <summary>Not there yet: another revision, an operation running, Progressing, Suspended, Missing or Unknown.</summary>
    Waiting,

    /// <summary>Synced at a revision that counts, no operation running, and Healthy.</summary>
    Healthy,

    /// <summary>A revision that counts is applied but the application is Degraded, or the operation for it failed: no point waiting.</summary>
    Degraded,
}

/// <summary>The pure rules of the health wait, kept apart from the watcher.</summary>
internal static class ArgoHealthVerdicts
{
    extension(ArgoHealthVerdict)
    {
        /// <summary>Judges one observation; health of a revision that does not count (the old one, another history) does not count.</summary>
        public static ArgoHealthVerdict Of(ArgoApplication app, ArgoRevisions revisions)
        {
            if (ArgoSyncVerdict.Of(app, revisions) == ArgoSyncVerdict.Failed) return ArgoHealthVerdict.Degraded;
            var status = app.Status;
            if (app.OperationInProgress || !revisions.Accepts(status?.Sync?.Revision) || status.Sync.Status != "Synced") return ArgoHealthVerdict.Waiting;
            return status.Health?.Status switch
            {
                "Healthy" => ArgoHealthVerdict.Healthy,
                "Degraded" => ArgoHealthVerdict.Degraded,
                _ => ArgoHealthVerdict.Waiting, // Progressing, Suspended, Missing, Unknown: keep waiting within the deadline
            };
        }
    }
}
