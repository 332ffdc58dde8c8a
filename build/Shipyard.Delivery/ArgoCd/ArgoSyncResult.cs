namespace Shipyard.Delivery.ArgoCd;

/// <summary>Deploy's Argo CD step: the revision is Synced and the operation that applied it Succeeded (health is Verify's).</summary>
/// <param name="Application">Argo CD application name.</param>
/// <param name="Revision">The revision that was synced (the pushed GitOps commit).</param>
/// <param name="Mode">How it was synced (auto-sync, on request, by another operation), or skipped.</param>
/// <param name="Waited">How long the step waited.</param>
/// <param name="Note">What happened, for the summary, e.g. <c>auto-sync: Synced at 6bd819a (waited 3.2 s)</c>.</param>
public sealed record ArgoSyncResult(string Application, string Revision, ArgoSyncMode Mode, TimeSpan Waited, string Note)
{
    /// <summary>True when no Argo CD was configured.</summary>
    public bool Skipped => Mode == ArgoSyncMode.Skipped;
}
