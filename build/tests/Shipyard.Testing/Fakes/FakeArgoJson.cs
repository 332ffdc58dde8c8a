using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>What the fake controller shows at one moment.</summary>
internal sealed record FakeArgoState(
    string ComparedRevision, string SyncStatus, string Health, string OperationRevision, string Phase, bool OperationRunning,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int HistoryId, string LiveRevision,
    IReadOnlyList<FakeArgoResource> Resources, IReadOnlyList<FakeArgoSyncResult> SyncResults);

/// <summary>Argo CD's wire format (v1alpha1 Application, ApplicationTree, watch events and gateway errors) for the fake.</summary>
internal static class FakeArgoJson
{
    private const string Namespace = "todo";

    // Argo CD writes metav1.Time: RFC 3339 in whole seconds.
    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");

    public static JsonObject Application(FakeArgoApplication app, FakeArgoState s)
    {
        var syncPolicy = new JsonObject { ["syncOptions"] = new JsonArray("CreateNamespace=true") };
        if (app.AutoSync) syncPolicy["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true };
        var operationState = new JsonObject
        {
            ["operation"] = new JsonObject { ["sync"] = new JsonObject { ["revision"] = s.OperationRevision } },
            ["phase"] = s.Phase,
            ["message"] = s.Phase switch
            {
                "Running" => "one or more tasks are running",
                "Succeeded" => "successfully synced (all tasks run)",
                _ => "one or more objects failed to apply, reason: " + (s.SyncResults.Count > 0 ? s.SyncResults[0].Message : "unknown"),
            },
            ["syncResult"] = new JsonObject
            {
                ["revision"] = s.OperationRevision,
                ["resources"] = new JsonArray([.. s.SyncResults.Select(SyncResult)]),
            },
            ["startedAt"] = Time(s.StartedAt),
        };
        if (!s.OperationRunning) operationState["finishedAt"] = Time(s.FinishedAt);
        var status = new JsonObject
        {
            ["sync"] = new JsonObject
            {
                ["status"] = s.SyncStatus,
                ["comparedTo"] = new JsonObject { ["source"] = new JsonObject { ["targetRevision"] = app.TargetRevision } },
                ["revision"] = s.ComparedRevision,
            },
            // Real Argo CD leaves the application's health message empty: the reasons are on the resources.
            ["health"] = new JsonObject { ["status"] = s.Health },
            ["resources"] = new JsonArray([.. s.Resources.Where(r => !r.TreeOnly).Select(r => Resource(r, withHealth: !app.HealthInTree))]),
            ["operationState"] = operationState,
            ["reconciledAt"] = Time(DateTimeOffset.UtcNow),
            ["history"] = new JsonArray(new JsonObject { ["id"] = s.HistoryId, ["revision"] = s.LiveRevision, ["deployedAt"] = Time(s.FinishedAt) }),
        };
        if (app.HealthInTree) status["resourceHealthSource"] = "appTree";
        var result = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = app.Name, ["namespace"] = "argocd", ["resourceVersion"] = "1" },
            ["spec"] = new JsonObject
            {
                ["source"] = new JsonObject
                {
                    ["repoURL"] = "https://git.example.com/platform/gitops.git",
                    ["path"] = app.Source?.Path ?? $"deploy/applications/{app.Name}",
                    ["targetRevision"] = app.TargetRevision,
                },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = Namespace },
                ["project"] = "default",
                ["syncPolicy"] = syncPolicy,
            },
            ["status"] = status,
        };
        if (s.OperationRunning)
            result["operation"] = new JsonObject { ["sync"] = new JsonObject { ["revision"] = s.OperationRevision }, ["initiatedBy"] = new JsonObject { ["username"] = "admin" } };
        return result;
    }

    /// <summary><c>ApplicationTree</c>: every object (children included) with its health, ResourceRef fields inlined.</summary>
    public static JsonObject Tree(IReadOnlyList<FakeArgoResource> resources) => new()
    {
        ["nodes"] = new JsonArray([.. resources.Select(r =>
        {
            var node = Resource(r, withHealth: true);
            node.Remove("status");
            node["uid"] = Guid.NewGuid().ToString();
            node["resourceVersion"] = "1";
            return (JsonNode)node;
        })]),
    };

    /// <summary>One watch message, as the gateway wraps a streamed <c>ApplicationWatchEvent</c>.</summary>
    public static JsonObject WatchEvent(string type, JsonObject application) =>
        new() { ["result"] = new JsonObject { ["type"] = type, ["application"] = application } };

    /// <summary>A grpc-gateway error: <c>{"error", "code", "message"}</c> with the gRPC code.</summary>
    public static JsonObject Error(string message, int grpcCode) =>
        new() { ["error"] = message, ["code"] = grpcCode, ["message"] = message };

    private static JsonObject Resource(FakeArgoResource r, bool withHealth)
    {
        var json = new JsonObject
        {
            ["group"] = r.Group,
            ["version"] = "v1",
            ["kind"] = r.Kind,
            ["namespace"] = Namespace,
            ["name"] = r.Name,
            ["status"] = "Synced",
        };
        if (withHealth) json["health"] = r.Message is null ? new JsonObject { ["status"] = r.Health } : new JsonObject { ["status"] = r.Health, ["message"] = r.Message };
        return json;
    }

    private static JsonNode SyncResult(FakeArgoSyncResult r)
    {
        var json = new JsonObject { ["kind"] = r.Kind, ["namespace"] = Namespace, ["name"] = r.Name, ["status"] = r.Status, ["message"] = r.Message, ["syncPhase"] = "Sync" };
        if (r.HookPhase is not null) (json["hookType"], json["hookPhase"]) = ("PreSync", r.HookPhase);
        return json;
    }
}
