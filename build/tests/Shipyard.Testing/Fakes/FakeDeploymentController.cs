using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using T = Shipyard.Delivery.Tests.Fakes.KubernetesResourceType;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// The Deployment controller and kubelet of the fake cluster, scripted: a Deployment applied with a new pod template
/// rolls out in <see cref="Step"/>s — the new generation observed with a new ReplicaSet (named by the template's hash,
/// so returning to an old template reuses its ReplicaSet at a new revision, as Kubernetes does) and pods still creating,
/// then either ready (the old pods go) or, for images <c>crashes</c> names, crash-looping with logs and a BackOff event
/// beside the old pods, which keep serving. <see cref="ProgressDeadline"/> stands in for <c>progressDeadlineSeconds</c>.
/// Rollouts run one after another in the order applied.
/// </summary>
public sealed class FakeDeploymentController(FakeKubernetesApi api, Func<string, bool> crashes) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _applied = [];
    private readonly Dictionary<(string Ns, string Name), int> _revisions = [];
    private Task _tail = Task.CompletedTask;
    private int _events;

    /// <summary>How long each step of a rollout takes.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>After how long a rollout whose pods crash-loop is marked ProgressDeadlineExceeded; null: never (the default 600 s).</summary>
    public TimeSpan? ProgressDeadline { get; init; }

    /// <summary>The pod templates' images rolled out, in order (containers joined by <c>,</c>).</summary>
    public IReadOnlyList<string> Applied
    {
        get { lock (_applied) return [.. _applied]; }
    }

    /// <summary>Writes <paramref name="deployment"/> as already rolled out: its pods ready at once (a cluster that runs it).</summary>
    public Task SeedAsync(string ns, JsonObject deployment) => Enqueue(ns, deployment, settled: true);

    /// <summary>Applies <paramref name="deployment"/> (as <c>kubectl apply</c> would); completes once it is written, while the rollout goes on.</summary>
    public Task ApplyAsync(string ns, JsonObject deployment) => Enqueue(ns, deployment, settled: false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _tail; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private Task Enqueue(string ns, JsonObject deployment, bool settled)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _tail = RunAfterAsync(_tail, ns, (JsonObject)deployment.DeepClone(), settled, written);
        return written.Task;
    }

    private async Task RunAfterAsync(Task previous, string ns, JsonObject deployment, bool settled, TaskCompletionSource written)
    {
        try { await previous; } catch (OperationCanceledException) { }
        try
        {
            await RollOutAsync(ns, deployment, settled, written);
        }
        catch (Exception e)
        {
            written.TrySetException(e);
            if (e is not OperationCanceledException) throw;
        }
    }

    private async Task RollOutAsync(string ns, JsonObject applied, bool settled, TaskCompletionSource written)
    {
        var name = applied["metadata"]!["name"]!.GetValue<string>();
        var existing = api.Store.Get(T.Deployment, ns, name) is { StatusCode: 200, Body: JsonObject found } ? found : null;
        var template = (JsonObject)applied["spec"]!["template"]!;
        var changed = existing is null || !JsonNode.DeepEquals(existing["spec"]?["template"], template);
        // Apply keeps what the controller owns (status); the store bumps the generation when the spec changes.
        if (existing?["status"] is { } status) applied["status"] = status.DeepClone();
        var uid = api.Store.Seed(T.Deployment, ns, applied)["metadata"]!["uid"]!.GetValue<string>();
        written.TrySetResult();
        var replicas = applied["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        if (!changed)
        {
            Edit(T.Deployment, ns, name, d => d["status"]!["observedGeneration"] = d["metadata"]!["generation"]!.GetValue<long>());
            return;
        }
        var images = Images(template);
        lock (_applied) _applied.Add(images);
        int revision;
        lock (_gate) revision = _revisions[(ns, name)] = _revisions.GetValueOrDefault((ns, name)) + 1;
        var hash = Hash(template);
        if (settled)
        {
            Scale(ns, name, uid, hash, revision, template, replicas, ready: true);
            Complete(ns, name, uid, hash, replicas);
            return;
        }
        await Task.Delay(Step, _stop.Token);
        var creating = Scale(ns, name, uid, hash, revision, template, replicas, ready: false);
        var pods = Pods(ns, uid);
        SetStatus(ns, name, pods.Count, replicas, pods.Count(Ready), "ReplicaSetUpdated");
        await Task.Delay(Step, _stop.Token);
        if (creating.Count > 0 && crashes(images))
        {
            CrashLoop(ns, name, template, creating);
            if (ProgressDeadline is { } deadline) _ = ExceedDeadlineAsync(ns, name, revision, deadline);
            return;
        }
        foreach (var pod in creating)
        {
            pod["status"] = Status(template, ready: true);
            api.Store.Seed(T.Pod, ns, pod);
        }
        Complete(ns, name, uid, hash, replicas);
    }

    // The rollout is done: the other ReplicaSets scaled to zero, their pods gone, the Deployment available.
    private void Complete(string ns, string name, string uid, string hash, int replicas)
    {
        foreach (var pod in Pods(ns, uid).Where(p => Label(p, "pod-template-hash") != hash))
            api.Store.Delete(T.Pod, ns, pod["metadata"]!["name"]!.GetValue<string>(), null);
        foreach (var rs in ReplicaSets(ns, uid))
        {
            var current = Label(rs, "pod-template-hash") == hash;
            Edit(T.ReplicaSet, ns, rs["metadata"]!["name"]!.GetValue<string>(), r =>
            {
                r["spec"]!["replicas"] = current ? replicas : 0;
                r["status"] = new JsonObject { ["replicas"] = current ? replicas : 0, ["readyReplicas"] = current ? replicas : 0, ["availableReplicas"] = current ? replicas : 0 };
            });
        }
        SetStatus(ns, name, replicas, replicas, replicas, "NewReplicaSetAvailable");
    }

    // The ReplicaSet of the template at this revision (made, or an old one taken up again) and the pods it still
    // lacks; returns those new pods.
    private List<JsonObject> Scale(string ns, string name, string uid, string hash, int revision, JsonObject template, int replicas, bool ready)
    {
        var running = Pods(ns, uid).Count(p => Label(p, "pod-template-hash") == hash);
        var rs = api.Store.Seed(T.ReplicaSet, ns, RolloutObjects.ReplicaSet(name, uid, hash, revision, template, replicas, ready ? replicas : running));
        var rsName = rs["metadata"]!["name"]!.GetValue<string>();
        var rsUid = rs["metadata"]!["uid"]!.GetValue<string>();
        var made = new List<JsonObject>();
        for (var i = running; i < replicas; i++)
        {
            var pod = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{rsName}-{Guid.NewGuid().ToString("N")[..5]}",
                    ["labels"] = rs["spec"]!["template"]!["metadata"]!["labels"]!.DeepClone(),
                    ["ownerReferences"] = RolloutObjects.Owner("ReplicaSet", rsName, rsUid),
                },
                ["spec"] = template["spec"]!.DeepClone(),
                ["status"] = Status(template, ready),
            };
            made.Add(api.Store.Seed(T.Pod, ns, pod));
        }
        return made;
    }

    private void CrashLoop(string ns, string name, JsonObject template, List<JsonObject> pods)
    {
        var container = Container(template);
        foreach (var pod in pods)
        {
            var podName = pod["metadata"]!["name"]!.GetValue<string>();
            api.SetLog(ns, podName, container, "starting\nUnhandled exception. System.InvalidOperationException: the new version cannot start\n", previous: true);
            api.Store.Seed(T.Event, ns, RolloutObjects.Event(name, "Pod", podName, "Warning", "BackOff", "Back-off restarting failed container", Interlocked.Increment(ref _events)));
            pod["status"] = RolloutObjects.PodStatus(container, Image(template), ready: false,
                "CrashLoopBackOff", $"back-off 20s restarting failed container={container}", restarts: 3, lastTerminated: "Error");
            pod["metadata"]!.AsObject().Remove("resourceVersion");
            api.Store.Seed(T.Pod, ns, pod);
        }
    }

    private async Task ExceedDeadlineAsync(string ns, string name, int revision, TimeSpan deadline)
    {
        try
        {
            await Task.Delay(deadline, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (_gate)
            if (_revisions[(ns, name)] == revision)
                Edit(T.Deployment, ns, name, d =>
                {
                    var s = d["status"]!;
                    d["status"] = RolloutObjects.DeploymentStatus(d["metadata"]!["generation"]!.GetValue<long>(), s["replicas"]!.GetValue<int>(),
                        s["updatedReplicas"]!.GetValue<int>(), s["availableReplicas"]!.GetValue<int>(), "ProgressDeadlineExceeded", "False");
                });
    }

    private static JsonObject Status(JsonObject template, bool ready) => RolloutObjects.PodStatus(Container(template), Image(template), ready);

    // The controller has observed the generation it reports on.
    private void SetStatus(string ns, string name, int total, int updated, int available, string reason) => Edit(T.Deployment, ns, name, d =>
        d["status"] = RolloutObjects.DeploymentStatus(d["metadata"]!["generation"]!.GetValue<long>(), total, updated, available, reason));

    private void Edit(KubernetesResourceType type, string ns, string objectName, Action<JsonObject> edit)
    {
        var current = (JsonObject)api.Store.Get(type, ns, objectName).Body;
        edit(current);
        current["metadata"]!.AsObject().Remove("resourceVersion");
        api.Store.Seed(type, ns, current);
    }

    private List<JsonObject> ReplicaSets(string ns, string deploymentUid) =>
        [.. api.Store.List(T.ReplicaSet, ns).Body["items"]!.AsArray().OfType<JsonObject>().Where(r => Owned(r, deploymentUid))];

    private List<JsonObject> Pods(string ns, string deploymentUid)
    {
        var sets = ReplicaSets(ns, deploymentUid).Select(r => r["metadata"]!["uid"]!.GetValue<string>()).ToHashSet();
        return [.. api.Store.List(T.Pod, ns).Body["items"]!.AsArray().OfType<JsonObject>().Where(p => sets.Any(uid => Owned(p, uid)))];
    }

    private static bool Owned(JsonObject o, string uid) =>
        o["metadata"]?["ownerReferences"]?.AsArray().Any(r => r?["uid"]?.GetValue<string>() == uid) == true;

    private static bool Ready(JsonObject pod) => pod["status"]?["containerStatuses"]?[0]?["ready"]?.GetValue<bool>() == true;

    private static string? Label(JsonObject o, string key) => o["metadata"]?["labels"]?[key]?.GetValue<string>();

    private static string Container(JsonObject template) => template["spec"]!["containers"]![0]!["name"]!.GetValue<string>();

    private static string Image(JsonObject template) => template["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    private static string Images(JsonObject template) =>
        string.Join(',', template["spec"]!["containers"]!.AsArray().Select(c => c!["image"]!.GetValue<string>()));

    // Kubernetes names a ReplicaSet by a hash of its pod template: the same template, the same ReplicaSet.
    private static string Hash(JsonObject template) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template.ToJsonString())))[..10];
}
