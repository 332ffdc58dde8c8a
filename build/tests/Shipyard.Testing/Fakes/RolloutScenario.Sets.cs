using System.Diagnostics;
using System.Text.Json.Nodes;
using T = Shipyard.Delivery.Tests.Fakes.KubernetesResourceType;

namespace Shipyard.Delivery.Tests.Fakes;

// The StatefulSet and DaemonSet controllers' side of the scenarios.
public sealed partial class RolloutScenario
{
    private void SeedStatefulSet()
    {
        var sts = RolloutObjects.Workload("StatefulSet", name, container, OldImage, replicas, "RollingUpdate");
        sts["status"] = StatefulSetStatus(1, ready: replicas, updated: replicas, current: replicas, $"{name}-old1111", $"{name}-old1111");
        api.Store.Seed(T.StatefulSet, ns, sts);
        for (var i = 0; i < replicas; i++) OrdinalPod(i, $"{name}-old1111", OldImage, ready: true);
    }

    private async Task StatefulSetAsync(bool crash, CancellationToken cancellationToken)
    {
        var (oldRevision, newRevision) = ($"{name}-old1111", $"{name}-new2222");
        await SetImageAsync(T.StatefulSet, cancellationToken);
        var uid = api.Store.Get(T.StatefulSet, ns, name).Body["metadata"]!["uid"]!.GetValue<string>();
        api.Store.Seed(T.ControllerRevision, ns, RolloutObjects.ControllerRevision(name, "StatefulSet", uid, "new2222", 2));
        Edit(T.StatefulSet, s => s["status"] = StatefulSetStatus(2, replicas, 0, replicas, oldRevision, newRevision));
        await Task.Delay(step, cancellationToken);
        // The controller replaces pods from the highest ordinal down, one at a time, waiting for each to be ready.
        for (var updated = 1; updated <= replicas; updated++)
        {
            var ordinal = replicas - updated;
            if (crash)
            {
                api.SetLog(ns, $"{name}-{ordinal}", container, "redis: cannot open /data/appendonly.aof\n", previous: true);
                OrdinalPod(ordinal, newRevision, NewImage, ready: false, "CrashLoopBackOff", restarts: 3, lastTerminated: "Error");
                FirstCrashAt = Stopwatch.GetTimestamp();
                Edit(T.StatefulSet, s => s["status"] = StatefulSetStatus(2, replicas - 1, 1, replicas - 1, oldRevision, newRevision));
                return;
            }
            OrdinalPod(ordinal, newRevision, NewImage, ready: false);
            Edit(T.StatefulSet, s => s["status"] = StatefulSetStatus(2, replicas - 1, updated, replicas - updated, oldRevision, newRevision));
            await Task.Delay(step, cancellationToken);
            OrdinalPod(ordinal, newRevision, NewImage, ready: true);
            var done = updated == replicas;
            Edit(T.StatefulSet, s => s["status"] = StatefulSetStatus(2, replicas, updated, done ? replicas : replicas - updated,
                done ? newRevision : oldRevision, newRevision));
            if (done) CompletedAt = Stopwatch.GetTimestamp();
            else await Task.Delay(step, cancellationToken);
        }
    }

    private void OrdinalPod(int ordinal, string revision, string image, bool ready, string? waiting = null, int restarts = 0, string? lastTerminated = null) =>
        api.Store.Seed(T.Pod, ns, RolloutObjects.Pod($"{name}-{ordinal}", name, "controller-revision-hash", revision, container, image, ready, waiting, null, restarts, lastTerminated));

    private static JsonObject StatefulSetStatus(long observed, int ready, int updated, int current, string currentRevision, string updateRevision) => new()
    {
        ["observedGeneration"] = observed,
        ["replicas"] = Math.Max(ready, current),
        ["readyReplicas"] = ready,
        ["availableReplicas"] = ready,
        ["updatedReplicas"] = updated,
        ["currentReplicas"] = current,
        ["currentRevision"] = currentRevision,
        ["updateRevision"] = updateRevision,
    };

    private void SeedDaemonSet(string strategy)
    {
        var ds = RolloutObjects.Workload("DaemonSet", name, container, OldImage, replicas, strategy);
        ds["status"] = DaemonSetStatus(1, updated: replicas, available: replicas);
        var uid = api.Store.Seed(T.DaemonSet, ns, ds)["metadata"]!["uid"]!.GetValue<string>();
        api.Store.Seed(T.ControllerRevision, ns, RolloutObjects.ControllerRevision(name, "DaemonSet", uid, "old1111", 1));
        for (var i = 0; i < replicas; i++)
            api.Store.Seed(T.Pod, ns, RolloutObjects.Pod($"{name}-old1111-{i}", name, "controller-revision-hash", "old1111", container, OldImage, ready: true));
    }

    private async Task DaemonSetAsync(CancellationToken cancellationToken)
    {
        await SetImageAsync(T.DaemonSet, cancellationToken);
        var uid = api.Store.Get(T.DaemonSet, ns, name).Body["metadata"]!["uid"]!.GetValue<string>();
        api.Store.Seed(T.ControllerRevision, ns, RolloutObjects.ControllerRevision(name, "DaemonSet", uid, "new2222", 2));
        Edit(T.DaemonSet, d => d["status"] = DaemonSetStatus(2, 0, replicas));
        await Task.Delay(step, cancellationToken);
        for (var node = 0; node < replicas; node++)
        {
            api.Store.Delete(T.Pod, ns, $"{name}-old1111-{node}", null);
            var pod = $"{name}-new2222-{node}";
            api.Store.Seed(T.Pod, ns, RolloutObjects.Pod(pod, name, "controller-revision-hash", "new2222", container, NewImage, ready: false));
            Edit(T.DaemonSet, d => d["status"] = DaemonSetStatus(2, node + 1, replicas - 1));
            await Task.Delay(step, cancellationToken);
            api.Store.Seed(T.Pod, ns, RolloutObjects.Pod(pod, name, "controller-revision-hash", "new2222", container, NewImage, ready: true));
            Edit(T.DaemonSet, d => d["status"] = DaemonSetStatus(2, node + 1, replicas));
            if (node == replicas - 1) CompletedAt = Stopwatch.GetTimestamp();
            else await Task.Delay(step, cancellationToken);
        }
    }

    private JsonObject DaemonSetStatus(long observed, int updated, int available) => new()
    {
        ["observedGeneration"] = observed,
        ["desiredNumberScheduled"] = replicas,
        ["currentNumberScheduled"] = replicas,
        ["numberMisscheduled"] = 0,
        ["numberReady"] = available,
        ["numberAvailable"] = available,
        ["updatedNumberScheduled"] = updated,
    };
}
