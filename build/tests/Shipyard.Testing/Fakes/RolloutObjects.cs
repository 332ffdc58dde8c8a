using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>The JSON of workloads, ReplicaSets, revisions, pods and events as a controller would write them.</summary>
public static class RolloutObjects
{
    public static JsonObject Workload(string kind, string name, string container, string image, int replicas, string strategy) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = kind == "DaemonSet" ? null : replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = Template(name, container, image),
            [kind == "Deployment" ? "strategy" : "updateStrategy"] = kind == "StatefulSet" && strategy == "RollingUpdate"
                ? new JsonObject { ["type"] = strategy, ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } }
                : new JsonObject { ["type"] = strategy },
            ["progressDeadlineSeconds"] = kind == "Deployment" ? 600 : null,
        },
    };

    public static JsonObject Template(string name, string container, string image) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) },
    };

    public static JsonObject ReplicaSet(string deployment, string ownerUid, string hash, int revision, string container, string image, int replicas) =>
        ReplicaSet(deployment, ownerUid, hash, revision, Template(deployment, container, image), replicas, replicas);

    /// <summary>A Deployment's ReplicaSet running <paramref name="template"/> (labelled with <paramref name="hash"/>), <paramref name="ready"/> of its pods ready.</summary>
    public static JsonObject ReplicaSet(string deployment, string ownerUid, string hash, int revision, JsonObject template, int replicas, int ready)
    {
        var labelled = (JsonObject)template.DeepClone();
        var metadata = labelled["metadata"] as JsonObject ?? [];
        labelled["metadata"] = metadata;
        var labels = metadata["labels"] as JsonObject ?? [];
        metadata["labels"] = labels;
        labels["pod-template-hash"] = hash;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment}-{hash}",
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["ownerReferences"] = Owner("Deployment", deployment, ownerUid),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["template"] = labelled },
            ["status"] = new JsonObject { ["replicas"] = replicas, ["readyReplicas"] = ready, ["availableReplicas"] = ready },
        };
    }

    public static JsonObject ControllerRevision(string owner, string ownerKind, string ownerUid, string hash, int revision) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = $"{owner}-{hash}",
            ["labels"] = new JsonObject { ["app"] = owner, ["controller-revision-hash"] = hash },
            ["ownerReferences"] = Owner(ownerKind, owner, ownerUid),
        },
        ["revision"] = revision,
    };

    /// <summary>A pod; <paramref name="waiting"/> gives a waiting reason instead of Running.</summary>
    public static JsonObject Pod(string name, string app, string hashLabel, string hash, string container, string image, bool ready,
        string? waiting = null, string? waitingMessage = null, int restarts = 0, string? lastTerminated = null) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = app, [hashLabel] = hash } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) },
            ["status"] = PodStatus(container, image, ready, waiting, waitingMessage, restarts, lastTerminated),
        };

    /// <summary>A pod's status with one container: running and ready, or waiting (ContainerCreating unless <paramref name="waiting"/> says why).</summary>
    public static JsonObject PodStatus(string container, string image, bool ready,
        string? waiting = null, string? waitingMessage = null, int restarts = 0, string? lastTerminated = null) => new()
        {
            ["phase"] = ready ? "Running" : "Pending",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = container,
                ["image"] = image,
                ["imageID"] = "",
                ["ready"] = ready,
                ["restartCount"] = restarts,
                ["state"] = ready
                    ? new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-01-01T00:00:00Z" } }
                    : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = waiting ?? "ContainerCreating", ["message"] = waitingMessage } },
                ["lastState"] = lastTerminated is null ? new JsonObject() : new JsonObject
                {
                    ["terminated"] = new JsonObject { ["reason"] = lastTerminated, ["exitCode"] = 1, ["startedAt"] = "2026-01-01T00:00:00Z", ["finishedAt"] = "2026-01-01T00:00:01Z" },
                },
            }),
        };

    public static JsonObject Event(string name, string kind, string involved, string type, string reason, string message, int sequence) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = $"{involved}.{name}-{sequence}" },
        ["involvedObject"] = new JsonObject { ["kind"] = kind, ["name"] = involved },
        ["type"] = type,
        ["reason"] = reason,
        ["message"] = message,
        ["count"] = 1,
        ["lastTimestamp"] = DateTimeOffset.UtcNow.AddSeconds(sequence).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The <c>ownerReferences</c> of an object its controller (<paramref name="kind"/> <paramref name="name"/>) made.</summary>
    public static JsonArray Owner(string kind, string name, string uid) =>
        new(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = kind, ["name"] = name, ["uid"] = uid, ["controller"] = true });

    /// <summary>A Deployment status as the controller writes it; <paramref name="status"/> is the Progressing condition's.</summary>
    public static JsonObject DeploymentStatus(long observed, int total, int updated, int available, string reason, string status = "True") => new()
    {
        ["observedGeneration"] = observed,
        ["replicas"] = total,
        ["updatedReplicas"] = updated,
        ["readyReplicas"] = available,
        ["availableReplicas"] = available,
        ["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable" },
            new JsonObject { ["type"] = "Progressing", ["status"] = status, ["reason"] = reason }),
    };
}
