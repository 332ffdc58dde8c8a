using System.Diagnostics;
using System.Text.Json.Nodes;
using T = Shipyard.Delivery.Tests.Fakes.KubernetesResourceType;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// Plays a workload controller against the fake API: seeds a fully rolled-out old revision, then scripts a rollout to
/// <see cref="NewImage"/> step by step, <c>step</c> apart (small in tests). Records when the rollout became complete
/// and when the first pod crash-looped, for the benchmark.
/// </summary>
public sealed partial class RolloutScenario(FakeKubernetesApi api, string name, TimeSpan step, string ns = "todo", string container = "app", int replicas = 3)
{
    /// <summary>The image before the rollout.</summary>
    public const string OldImage = "127.0.0.1:5000/todo-api:old1111";

    /// <summary>The image rolled out.</summary>
    public const string NewImage = "127.0.0.1:5000/todo-api:abc1234";

    private int _events;

    /// <summary>The workload's namespace.</summary>
    public string Namespace => ns;

    /// <summary>The workload's name.</summary>
    public string Name => name;

    /// <summary>The container checked.</summary>
    public string Container => container;

    /// <summary><see cref="Stopwatch"/> timestamp of the write that completed the rollout; 0 until then.</summary>
    public long CompletedAt { get; private set; }

    /// <summary><see cref="Stopwatch"/> timestamp of the write that made the first pod crash-loop; 0 until then.</summary>
    public long FirstCrashAt { get; private set; }

    /// <summary>
    /// Awaited before the API server goes down in <see cref="RolloutScript.ApiDownThenBack"/> and before the workload is
    /// deleted in <see cref="RolloutScript.DeletedMidWatch"/> (e.g. until every watcher is watching).
    /// </summary>
    public Func<CancellationToken, Task>? BeforeOutage { get; set; }

    /// <summary>The kind a script works on.</summary>
    public static string KindOf(RolloutScript script) => script switch
    {
        RolloutScript.StatefulSetSuccess or RolloutScript.StatefulSetCrashLoop => "StatefulSet",
        RolloutScript.DaemonSetSuccess or RolloutScript.DaemonSetOnDelete => "DaemonSet",
        _ => "Deployment",
    };

    /// <summary>Seeds the old revision for <paramref name="script"/>.</summary>
    public void Seed(RolloutScript script)
    {
        switch (KindOf(script))
        {
            case "StatefulSet": SeedStatefulSet(); break;
            case "DaemonSet": SeedDaemonSet(script == RolloutScript.DaemonSetOnDelete ? "OnDelete" : "RollingUpdate"); break;
            default: SeedDeployment(); break;
        }
    }

    /// <summary>Plays <paramref name="script"/> to its end state (failure scripts then stay as they are).</summary>
    public Task RunAsync(RolloutScript script, CancellationToken cancellationToken) => script switch
    {
        RolloutScript.StatefulSetSuccess => StatefulSetAsync(crash: false, cancellationToken),
        RolloutScript.StatefulSetCrashLoop => StatefulSetAsync(crash: true, cancellationToken),
        RolloutScript.DaemonSetSuccess => DaemonSetAsync(cancellationToken),
        RolloutScript.DaemonSetOnDelete => SetImageAsync(T.DaemonSet, cancellationToken),
        _ => DeploymentAsync(script, cancellationToken),
    };

    private void SeedDeployment()
    {
        var d = RolloutObjects.Workload("Deployment", name, container, OldImage, replicas, "RollingUpdate");
        d["status"] = RolloutObjects.DeploymentStatus(1, replicas, replicas, replicas, "NewReplicaSetAvailable");
        var uid = api.Store.Seed(T.Deployment, ns, d)["metadata"]!["uid"]!.GetValue<string>();
        api.Store.Seed(T.ReplicaSet, ns, RolloutObjects.ReplicaSet(name, uid, "old1111", 1, container, OldImage, replicas));
        for (var i = 0; i < replicas; i++)
            api.Store.Seed(T.Pod, ns, RolloutObjects.Pod($"{name}-old1111-{i}", name, "pod-template-hash", "old1111", container, OldImage, ready: true));
    }

    private async Task DeploymentAsync(RolloutScript script, CancellationToken cancellationToken)
    {
        var pace = script == RolloutScript.Slow ? step * 3 : step;
        Edit(T.Deployment, d =>
        {
            d["spec"]!["template"] = RolloutObjects.Template(name, container, NewImage);
            if (script == RolloutScript.Paused) d["spec"]!["paused"] = true;
        });
        await Task.Delay(pace, cancellationToken);
        if (script == RolloutScript.Paused)
        {
            // A paused controller creates no new ReplicaSet, so no replica counts as updated.
            Edit(T.Deployment, d => d["status"] = RolloutObjects.DeploymentStatus(2, replicas, 0, replicas, "DeploymentPaused", "Unknown"));
            return;
        }
        var uid = api.Store.Get(T.Deployment, ns, name).Body["metadata"]!["uid"]!.GetValue<string>();
        api.Store.Seed(T.ReplicaSet, ns, RolloutObjects.ReplicaSet(name, uid, "new2222", 2, container, NewImage, 1));
        NewPod(0, ready: false);
        Edit(T.Deployment, d => d["status"] = RolloutObjects.DeploymentStatus(2, replicas + 1, 1, replicas, "ReplicaSetUpdated"));
        await Task.Delay(pace, cancellationToken);
        switch (script)
        {
            case RolloutScript.CrashLoop:
                api.SetLog(ns, $"{name}-new2222-0", container, "starting todo-api\nUnhandled exception. System.InvalidOperationException: ConnectionStrings:Todo is not set\n   at Program.<Main>$(String[] args)\n", previous: true);
                NewPod(0, ready: false, "CrashLoopBackOff", $"back-off 20s restarting failed container={container} pod={name}-new2222-0", restarts: 2, lastTerminated: "Error");
                FirstCrashAt = Stopwatch.GetTimestamp();
                Event("Pod", $"{name}-new2222-0", "Warning", "BackOff", "Back-off restarting failed container");
                return;
            case RolloutScript.ImagePullBackOff:
                NewPod(0, ready: false, "ImagePullBackOff", $"Back-off pulling image \"{NewImage}\"");
                FirstCrashAt = Stopwatch.GetTimestamp();
                Event("Pod", $"{name}-new2222-0", "Warning", "Failed", $"Failed to pull image \"{NewImage}\": not found");
                return;
            case RolloutScript.ProgressDeadlineExceeded:
                Edit(T.Deployment, d => d["status"] = RolloutObjects.DeploymentStatus(2, replicas + 1, 1, replicas, "ProgressDeadlineExceeded", "False"));
                Event("Deployment", name, "Warning", "ProgressDeadlineExceeded", $"ReplicaSet \"{name}-new2222\" has timed out progressing.");
                return;
            case RolloutScript.DeletedMidWatch:
                if (BeforeOutage is { } watching) await watching(cancellationToken);
                api.Store.Delete(T.Deployment, ns, name, null);
                return;
            case RolloutScript.WatchDropped:
                api.DropWatches();
                break;
            case RolloutScript.ApiDownThenBack:
                if (BeforeOutage is { } before) await before(cancellationToken);
                api.Down = true;
                await Task.Delay(pace * 3, cancellationToken);
                api.Down = false;
                break;
        }
        for (var k = 1; k <= replicas; k++)
        {
            NewPod(k - 1, ready: true);
            api.Store.Delete(T.Pod, ns, $"{name}-old1111-{k - 1}", null);
            if (k < replicas) NewPod(k, ready: false);
            Edit(T.ReplicaSet, $"{name}-new2222", rs => rs["spec"]!["replicas"] = Math.Min(k + 1, replicas));
            Edit(T.ReplicaSet, $"{name}-old1111", rs => rs["spec"]!["replicas"] = replicas - k);
            // One old pod is still terminating at every step: "1 old replicas are pending termination" once all are updated.
            Edit(T.Deployment, d => d["status"] = RolloutObjects.DeploymentStatus(2, replicas + 1, Math.Min(k + 1, replicas), replicas, "ReplicaSetUpdated"));
            await Task.Delay(pace, cancellationToken);
        }
        Edit(T.Deployment, d => d["status"] = RolloutObjects.DeploymentStatus(2, replicas, replicas, replicas, "NewReplicaSetAvailable"));
        CompletedAt = Stopwatch.GetTimestamp();
    }

    private void NewPod(int i, bool ready, string? waiting = null, string? message = null, int restarts = 0, string? lastTerminated = null) =>
        api.Store.Seed(T.Pod, ns, RolloutObjects.Pod($"{name}-new2222-{i}", name, "pod-template-hash", "new2222", container, NewImage, ready, waiting, message, restarts, lastTerminated));


    private async Task SetImageAsync(KubernetesResourceType type, CancellationToken cancellationToken)
    {
        Edit(type, w => w["spec"]!["template"] = RolloutObjects.Template(name, container, NewImage));
        await Task.Delay(step, cancellationToken);
    }

    private void Event(string kind, string involved, string type, string reason, string message) =>
        api.Store.Seed(T.Event, ns, RolloutObjects.Event(name, kind, involved, type, reason, message, ++_events));

    private void Edit(KubernetesResourceType type, Action<JsonObject> edit) => Edit(type, name, edit);

    private void Edit(KubernetesResourceType type, string objectName, Action<JsonObject> edit)
    {
        var current = (JsonObject)api.Store.Get(type, ns, objectName).Body;
        edit(current);
        current["metadata"]!.AsObject().Remove("resourceVersion");
        api.Store.Seed(type, ns, current);
    }
}
