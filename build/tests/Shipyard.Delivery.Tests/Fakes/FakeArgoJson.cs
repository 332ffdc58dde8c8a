using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>Argo CD's wire format (v1alpha1 Application JSON and gateway errors) for the fake.</summary>
internal static class FakeArgoJson
{
    public static JsonObject Application(FakeArgoApplication app, string comparedRevision, string syncStatus, string health,
        string? healthMessage, string? operationRevision, string phase, bool operationRunning, int historyId, string liveRevision)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var syncPolicy = new JsonObject { ["syncOptions"] = new JsonArray("CreateNamespace=true") };
        if (app.AutoSync) syncPolicy["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true };
        var operationState = new JsonObject
        {
            ["operation"] = new JsonObject { ["sync"] = new JsonObject { ["revision"] = operationRevision } },
            ["phase"] = phase,
            ["message"] = phase switch
            {
                "Running" => "one or more tasks are running",
                "Succeeded" => "successfully synced (all tasks run)",
                _ => "one or more objects failed to apply, reason: Deployment.apps \"todo-api\" is invalid",
            },
            ["syncResult"] = new JsonObject { ["revision"] = operationRevision, ["resources"] = new JsonArray() },
            ["startedAt"] = now,
        };
        if (!operationRunning) operationState["finishedAt"] = now;
        var result = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = app.Name, ["namespace"] = "argocd", ["resourceVersion"] = "1" },
            ["spec"] = new JsonObject
            {
                ["source"] = new JsonObject
                {
                    ["repoURL"] = "https://git.example.com/platform/gitops.git",
                    ["path"] = $"deploy/applications/{app.Name}",
                    ["targetRevision"] = app.TargetRevision,
                },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = "todo" },
                ["project"] = "default",
                ["syncPolicy"] = syncPolicy,
            },
            ["status"] = new JsonObject
            {
                ["sync"] = new JsonObject
                {
                    ["status"] = syncStatus,
                    ["comparedTo"] = new JsonObject { ["source"] = new JsonObject { ["targetRevision"] = app.TargetRevision } },
                    ["revision"] = comparedRevision,
                },
                ["health"] = healthMessage is null
                    ? new JsonObject { ["status"] = health }
                    : new JsonObject { ["status"] = health, ["message"] = healthMessage },
                ["operationState"] = operationState,
                ["reconciledAt"] = now,
                ["history"] = new JsonArray(new JsonObject { ["id"] = historyId, ["revision"] = liveRevision, ["deployedAt"] = now }),
            },
        };
        if (operationRunning)
            result["operation"] = new JsonObject { ["sync"] = new JsonObject { ["revision"] = operationRevision }, ["initiatedBy"] = new JsonObject { ["username"] = "admin" } };
        return result;
    }

    /// <summary>A grpc-gateway error: <c>{"error", "code", "message"}</c> with the gRPC code.</summary>
    public static JsonObject Error(string message, int grpcCode) =>
        new() { ["error"] = message, ["code"] = grpcCode, ["message"] = message };
}
