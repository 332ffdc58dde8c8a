namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// When Deploy may POST a sync. Never with auto-sync on (Argo CD refuses a revision-specific sync then), never while an
/// operation runs, once accepted never again, and after a refusal ("another operation is already in progress") only
/// once the operation that refused us has been seen running or finished: at most one refused POST per operation.
/// </summary>
internal sealed class ArgoSyncRequests(bool autoSync)
{
    private string? _refusedAt;
    private bool _sawBusySinceRefusal;

    /// <summary>A sync request was accepted.</summary>
    public bool Accepted { get; private set; }

    /// <summary>Requests refused because another operation was in progress.</summary>
    public int Refused { get; private set; }

    /// <summary>True when a POST is due given this observation: no operation applied or applies a revision that counts.</summary>
    public bool ShouldRequest(ArgoApplication app, ArgoRevisions revisions)
    {
        if (autoSync || Accepted) return false;
        if (app.OperationInProgress)
        {
            _sawBusySinceRefusal |= _refusedAt is not null;
            return false;
        }
        if (!ArgoSyncVerdict.NeedsSync(app, revisions)) return false;
        // The operation that refused us may have run and finished between two looks: its traces differ then.
        return _refusedAt is null || _sawBusySinceRefusal || app.OperationIdentity != _refusedAt;
    }

    /// <summary>Records the answer to a POST made after observing <paramref name="app"/>.</summary>
    public void Record(ArgoApplication app, bool accepted)
    {
        if (accepted)
        {
            Accepted = true;
            return;
        }
        Refused++;
        (_refusedAt, _sawBusySinceRefusal) = (app.OperationIdentity, false);
    }
}
