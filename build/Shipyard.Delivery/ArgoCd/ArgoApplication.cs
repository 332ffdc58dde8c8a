using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipyard.Delivery.ArgoCd;

// The subset of Argo CD's v1alpha1 Application (as served by GET /api/v1/applications/{name} and the watch stream)
// that the waits read. Property names follow the API's camelCase JSON; everything is optional because Argo CD omits
// empty fields.

/// <summary>An Argo CD Application as the REST API returns it.</summary>
internal sealed record ArgoApplication(ArgoMetadata? Metadata, ArgoApplicationSpec? Spec, ArgoApplicationStatus? Status, JsonElement? Operation)
{
    /// <summary>Auto-sync is on when <c>spec.syncPolicy.automated</c> is present (even as <c>{}</c>).</summary>
    public bool AutoSync => Spec?.SyncPolicy?.Automated is { ValueKind: JsonValueKind.Object };

    /// <summary>An operation (sync, rollback) is requested or running: a new sync would be refused.</summary>
    public bool OperationInProgress =>
        Operation is { ValueKind: JsonValueKind.Object } || Status?.OperationState?.Phase is "Running" or "Terminating";

    /// <summary>
    /// Identifies the last operation, so a wait can tell that an operation ran since it last looked (timestamps are
    /// whole seconds, hence the history id and message too).
    /// </summary>
    public string OperationIdentity
    {
        get
        {
            var op = Status?.OperationState;
            return $"{op?.StartedAt:O}|{op?.FinishedAt:O}|{op?.Phase}|{op?.SyncResult?.Revision}|{op?.Message}|{(Status?.History is { Count: > 0 } history ? history[^1].Id : null)}";
        }
    }
}

/// <summary><c>metadata</c>.</summary>
internal sealed record ArgoMetadata(string? Name, string? Namespace);

/// <summary><c>spec</c>.</summary>
internal sealed record ArgoApplicationSpec(ArgoSource? Source, ArgoSyncPolicy? SyncPolicy);

/// <summary><c>spec.source</c>.</summary>
internal sealed record ArgoSource(string? RepoUrl, string? Path, string? TargetRevision);

/// <summary><c>spec.syncPolicy</c>; <c>automated</c> kept raw because only its presence matters.</summary>
internal sealed record ArgoSyncPolicy(JsonElement? Automated);

/// <summary><c>status</c>. <c>resourceHealthSource</c> is <c>appTree</c> when resource health lives only in the resource tree (Argo CD 3's default).</summary>
internal sealed record ArgoApplicationStatus(
    ArgoSyncStatus? Sync,
    ArgoHealthStatus? Health,
    ArgoOperationState? OperationState,
    DateTimeOffset? ReconciledAt,
    IReadOnlyList<ArgoRevisionHistory>? History,
    IReadOnlyList<ArgoResourceStatus>? Resources = null,
    string? ResourceHealthSource = null);

/// <summary><c>status.sync</c>: Synced, OutOfSync or Unknown, compared against <c>revision</c>.</summary>
internal sealed record ArgoSyncStatus(string? Status, string? Revision);

/// <summary><c>health</c> of an application, resource or tree node: Healthy, Progressing, Degraded, Suspended, Missing or Unknown.</summary>
internal sealed record ArgoHealthStatus(string? Status, string? Message);

/// <summary><c>status.operationState</c>: the last or running operation.</summary>
internal sealed record ArgoOperationState(
    string? Phase, string? Message, ArgoSyncOperationResult? SyncResult, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary><c>status.operationState.syncResult</c>, with the result per resource (and hook).</summary>
internal sealed record ArgoSyncOperationResult(string? Revision, IReadOnlyList<ArgoResourceResult>? Resources = null);

/// <summary>
/// <c>syncResult.resources[]</c>: <c>status</c> Synced, SyncFailed, Pruned or PruneSkipped; hooks carry
/// <c>hookPhase</c> (Running, Succeeded, Failed, Error, Terminating).
/// </summary>
internal sealed record ArgoResourceResult(string? Group, string? Kind, string? Namespace, string? Name, string? Status, string? Message, string? HookPhase);

/// <summary><c>status.resources[]</c>; <c>health</c> is absent when Argo CD keeps it in the resource tree.</summary>
internal sealed record ArgoResourceStatus(string? Group, string? Kind, string? Namespace, string? Name, string? Status, ArgoHealthStatus? Health);

/// <summary><c>status.history[]</c>: what was deployed, newest last.</summary>
internal sealed record ArgoRevisionHistory(long Id, string? Revision, DateTimeOffset? DeployedAt);

/// <summary>Body of <c>POST /api/v1/applications/{name}/sync</c>.</summary>
internal sealed record ArgoSyncRequest(
    [property: JsonPropertyName("revision")] string? Revision,
    [property: JsonPropertyName("prune")] bool Prune,
    [property: JsonPropertyName("dryRun")] bool DryRun);

/// <summary><c>GET /api/v1/applications/{name}/resource-tree</c>: every live object, including children such as Pods.</summary>
internal sealed record ArgoResourceTree(IReadOnlyList<ArgoResourceNode>? Nodes);

/// <summary>One tree node (its ResourceRef fields are inlined in the JSON).</summary>
internal sealed record ArgoResourceNode(string? Group, string? Kind, string? Namespace, string? Name, ArgoHealthStatus? Health);

/// <summary>One message of the watch stream: <c>{"result": {"type": "MODIFIED", "application": {...}}}</c> or <c>{"error": {...}}</c>.</summary>
internal sealed record ArgoWatchMessage(ArgoWatchEvent? Result, JsonElement? Error);

/// <summary><c>ApplicationWatchEvent</c>: type ADDED, MODIFIED or DELETED.</summary>
internal sealed record ArgoWatchEvent(string? Type, ArgoApplication? Application);
