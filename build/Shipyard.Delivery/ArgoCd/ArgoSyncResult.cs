namespace Shipyard.Delivery.ArgoCd;

/// <summary>The outcome of an Argo CD sync-and-wait.</summary>
/// <param name="Application">Argo CD application name.</param>
/// <param name="Revision">Revision the application is synced to.</param>
/// <param name="SyncStatus">Argo CD sync status, e.g. <c>Synced</c> or <c>OutOfSync</c>.</param>
/// <param name="Health">Argo CD health status, e.g. <c>Healthy</c>, <c>Progressing</c>, <c>Degraded</c>.</param>
/// <param name="Skipped">Why no sync was done (e.g. auto-sync already applied it), or null when a sync ran.</param>
public sealed record ArgoSyncResult(string Application, string Revision, string SyncStatus, string Health, string? Skipped = null);
