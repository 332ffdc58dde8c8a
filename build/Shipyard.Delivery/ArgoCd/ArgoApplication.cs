using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipyard.Delivery.ArgoCd;

// The subset of Argo CD's v1alpha1 Application (as served by GET /api/v1/applications/{name}) that the sync wait reads.
// Property names follow the API's camelCase JSON; everything is optional because Argo CD omits empty fields.

/// <summary>An Argo CD Application as the REST API returns it.</summary>
internal sealed record ArgoApplication(ArgoMetadata? Metadata, ArgoApplicationSpec? Spec, ArgoApplicationStatus? Status, JsonElement? Operation)
{
    /// <summary>Auto-sync is on when <c>spec.syncPolicy.automated</c> is present (even as <c>{}</c>).</summary>
    public bool AutoSync => Spec?.SyncPolicy?.Automated is { ValueKind: JsonValueKind.Object };

    /// <summary>An operation (sync, rollback) is requested or running: a new sync would be refused.</summary>
    public bool OperationInProgress =>
        Operation is { ValueKind: JsonValueKind.Object } || Status?.OperationState?.Phase is "Running" or "Terminating";
}

/// <summary><c>metadata</c>.</summary>
internal sealed record ArgoMetadata(string? Name, string? Namespace);

/// <summary><c>spec</c>.</summary>
internal sealed record ArgoApplicationSpec(ArgoSource? Source, ArgoSyncPolicy? SyncPolicy);

/// <summary><c>spec.source</c>.</summary>
internal sealed record ArgoSource(string? RepoUrl, string? Path, string? TargetRevision);

/// <summary><c>spec.syncPolicy</c>; <c>automated</c> kept raw because only its presence matters.</summary>
internal sealed record ArgoSyncPolicy(JsonElement? Automated);

/// <summary><c>status</c>.</summary>
internal sealed record ArgoApplicationStatus(
    ArgoSyncStatus? Sync,
    ArgoHealthStatus? Health,
    ArgoOperationState? OperationState,
    DateTimeOffset? ReconciledAt,
    IReadOnlyList<ArgoRevisionHistory>? History);

/// <summary><c>status.sync</c>: Synced, OutOfSync or Unknown, compared against <c>revision</c>.</summary>
internal sealed record ArgoSyncStatus(string? Status, string? Revision);

/// <summary><c>status.health</c>: Healthy, Progressing, Degraded, Suspended, Missing or Unknown.</summary>
internal sealed record ArgoHealthStatus(string? Status, string? Message);

/// <summary><c>status.operationState</c>: the last or running operation.</summary>
internal sealed record ArgoOperationState(
    string? Phase, string? Message, ArgoSyncOperationResult? SyncResult, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary><c>status.operationState.syncResult</c>.</summary>
internal sealed record ArgoSyncOperationResult(string? Revision);

/// <summary><c>status.history[]</c>: what was deployed, newest last.</summary>
internal sealed record ArgoRevisionHistory(long Id, string? Revision, DateTimeOffset? DeployedAt);

/// <summary>Body of <c>POST /api/v1/applications/{name}/sync</c>.</summary>
internal sealed record ArgoSyncRequest(
    [property: JsonPropertyName("revision")] string? Revision,
    [property: JsonPropertyName("prune")] bool Prune,
    [property: JsonPropertyName("dryRun")] bool DryRun);
