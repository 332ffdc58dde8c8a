namespace Shipyard.Delivery.ArgoCd;

/// <summary>Deploy's Argo CD step: the revision is Synced and the operation that applied it Succeeded (health is Verify's).</summary>
/// <param name="Application">Argo CD application name.</param>
/// <param name="Revision">The revision the step waited for (the pushed GitOps commit).</param>
/// <param name="Mode">How it was synced (auto-sync, on request, by another operation), or skipped.</param>
/// <param name="Waited">How long the step waited.</param>
/// <param name="Note">What happened, for the summary, e.g. <c>auto-sync: Synced at 6bd819a (waited 3.2 s)</c>.</param>
public sealed record ArgoSyncResult(string Application, string Revision, ArgoSyncMode Mode, TimeSpan Waited, string Note)
{
    /// <summary>
    /// The revision Argo CD reported Synced: <see cref="Revision"/>, or a newer commit whose history has it (another
    /// writer pushed on top before Argo CD looked). <see cref="Revision"/> when skipped.
    /// </summary>
    public string Live { get; init; } = Revision;

    /// <summary>True when Argo CD synced a newer revision that contains <see cref="Revision"/>.</summary>
    public bool Newer => Live != Revision;

    /// <summary>True when no Argo CD was configured.</summary>
    public bool Skipped => Mode == ArgoSyncMode.Skipped;
}
