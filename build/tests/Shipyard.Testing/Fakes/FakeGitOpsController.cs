using System.Diagnostics;
using System.Text.Json.Nodes;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using T = Shipyard.Delivery.Tests.Fakes.KubernetesResourceType;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// Argo CD and the Deployment controller in one, for end-to-end runs: it follows a service's manifest on the GitOps
/// branch of a real bare repository and rolls the fake API's Deployment out to whatever image the branch names now —
/// a new ReplicaSet, new pods; images for which <c>crashes</c> says so crash-loop instead of becoming ready.
/// </summary>
public sealed class FakeGitOpsController : IAsyncDisposable
{
    private readonly FakeKubernetesApi _api;
    private readonly string _bareRepository;
    private readonly GitOpsManifest _manifest;
    private readonly string _ns;
    private readonly string _name;
    private readonly string _container;
    private readonly Func<string, bool> _crashes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _applied = [];
    private int _revision;
    private int _events;
    private const int Replicas = 2;

    private FakeGitOpsController(FakeKubernetesApi api, string bareRepository, GitOpsManifest manifest, string ns, string name, string container, Func<string, bool> crashes)
    {
        (_api, _bareRepository, _manifest, _ns, _name, _container, _crashes) = (api, bareRepository, manifest, ns, name, container, crashes);
        var image = ImageOnBranch() ?? throw new InvalidOperationException($"{manifest.Path} names no image on the GitOps branch");
        Seed(image);
        _loop = Task.Run(FollowAsync);
    }

    /// <summary>The images rolled out, in order (the seeded one first).</summary>
    public IReadOnlyList<string> Applied
    {
        get { lock (_applied) return [.. _applied]; }
    }

    /// <summary>Seeds the Deployment at the branch's image (ready) and starts following the branch.</summary>
    public static FakeGitOpsController Start(FakeKubernetesApi api, string bareRepository, GitOpsManifest manifest, KubernetesWorkload workload, Func<string, bool> crashes) =>
        new(api, bareRepository, manifest, workload.Namespace, workload.Deployment, workload.Container, crashes);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task FollowAsync()
    {
        var live = Applied[^1];
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(100, _stop.Token);
            if (ImageOnBranch() is { } image && image != live)
            {
                await RollOutAsync(image);
                live = image;
            }
        }
    }

    // What kustomize renders for the images entry: newName:newTag@digest.
    private string? ImageOnBranch()
    {
        var start = new ProcessStartInfo("git", ["--git-dir", _bareRepository, "show", $"main:{_manifest.Path}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) return null;
        return ManifestEditors.ReadImage(text, _manifest.Path, _manifest)?.ToString();
    }

    private void Seed(string image)
    {
        var d = RolloutObjects.Workload("Deployment", _name, _container, image, Replicas, "RollingUpdate");
        var uid = _api.Store.Seed(T.Deployment, _ns, d)["metadata"]!["uid"]!.GetValue<string>();
        NewRevision(uid, image, ready: true);
        SetStatus(total: Replicas, updated: Replicas, available: Replicas, "NewReplicaSetAvailable");
    }

    private async Task RollOutAsync(string image)
    {
        var uid = _api.Store.Get(T.Deployment, _ns, _name).Body["metadata"]!["uid"]!.GetValue<string>();
        // A new template is a new generation; the controller has not observed it until the status says so.
        Edit(T.Deployment, _name, d =>
        {
            d["spec"]!["template"] = RolloutObjects.Template(_name, _container, image);
            d["metadata"]!["generation"] = (d["metadata"]!["generation"]?.GetValue<long>() ?? 1) + 1;
        });
        await Task.Delay(50, _stop.Token);
        var crash = _crashes(image);
        var hash = NewRevision(uid, image, ready: !crash);
        if (crash)
        {
            var pod = $"{_name}-{hash}-0";
            _api.SetLog(_ns, pod, _container, "starting\nUnhandled exception. System.InvalidOperationException: the new version cannot start\n", previous: true);
            _api.Store.Seed(T.Event, _ns, RolloutObjects.Event(_name, "Pod", pod, "Warning", "BackOff", "Back-off restarting failed container", ++_events));
            // The old pods keep serving while the new ones crash: "old replicas are pending termination".
            SetStatus(total: 2 * Replicas, updated: Replicas, available: Replicas, "ReplicaSetUpdated");
            return;
        }
        SetStatus(total: Replicas, updated: Replicas, available: Replicas, "NewReplicaSetAvailable");
    }

    // A ReplicaSet and its pods at the next revision; the pods of older revisions go away (they stay when it crashes).
    private string NewRevision(string uid, string image, bool ready)
    {
        var revision = ++_revision;
        var hash = $"rev{revision}";
        foreach (var old in _api.Store.List(T.Pod, _ns).Body["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>()).ToList())
            if (ready) _api.Store.Delete(T.Pod, _ns, old, null);
        _api.Store.Seed(T.ReplicaSet, _ns, RolloutObjects.ReplicaSet(_name, uid, hash, revision, _container, image, Replicas));
        for (var i = 0; i < Replicas; i++)
            _api.Store.Seed(T.Pod, _ns, ready
                ? RolloutObjects.Pod($"{_name}-{hash}-{i}", _name, "pod-template-hash", hash, _container, image, ready: true)
                : RolloutObjects.Pod($"{_name}-{hash}-{i}", _name, "pod-template-hash", hash, _container, image, ready: false,
                    "CrashLoopBackOff", $"back-off 20s restarting failed container={_container}", restarts: 3, lastTerminated: "Error"));
        lock (_applied) _applied.Add(image);
        return hash;
    }

    private void SetStatus(int total, int updated, int available, string reason) => Edit(T.Deployment, _name, d =>
    {
        var generation = d["metadata"]!["generation"]?.GetValue<long>() ?? 1;
        d["metadata"]!["generation"] = generation;
        d["status"] = RolloutObjects.DeploymentStatus(generation, total, updated, available, reason);
    });

    private void Edit(KubernetesResourceType type, string objectName, Action<JsonObject> edit)
    {
        var current = (JsonObject)_api.Store.Get(type, _ns, objectName).Body;
        edit(current);
        current["metadata"]!.AsObject().Remove("resourceVersion");
        _api.Store.Seed(type, _ns, current);
    }
}
