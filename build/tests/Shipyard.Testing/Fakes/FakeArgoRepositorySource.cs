using System.Diagnostics;
using System.Text.Json.Nodes;
using Shipyard.Delivery.Processes;
using T = Shipyard.Delivery.Tests.Fakes.KubernetesResourceType;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// The source of a <see cref="FakeArgoApplication"/> as Argo CD has it: a real bare GitOps repository, its branch and
/// the application's kustomize path. A sync renders the commit (<see cref="RepoServerRender"/>) and applies what it
/// renders to the fake cluster — Deployments through the <see cref="FakeDeploymentController"/>, Services as they
/// are — and the application's health is read back from the cluster with Argo CD's rules for each kind.
/// </summary>
public sealed class FakeArgoRepositorySource
{
    private readonly FakeKubernetesApi _api;
    private readonly FakeDeploymentController _controller;
    private readonly Lock _gate = new();
    private readonly List<string> _rendered = [];
    private IReadOnlyList<(string Kind, string Namespace, string Name)> _objects = [];

    /// <summary>A source reading <paramref name="gitDir"/> (a bare repository) at <paramref name="branch"/>, rendering <paramref name="path"/>.</summary>
    public FakeArgoRepositorySource(string gitDir, string path, FakeKubernetesApi api, FakeDeploymentController controller, string branch = "main")
    {
        (GitDir, Path, Branch, _api, _controller) = (gitDir, path, branch, api, controller);
        api.Serve(T.Service);
    }

    /// <summary>The bare repository.</summary>
    public string GitDir { get; }

    /// <summary>The application's path in the repository (<c>spec.source.path</c>).</summary>
    public string Path { get; }

    /// <summary>The tracked branch (<c>spec.source.targetRevision</c>).</summary>
    public string Branch { get; }

    /// <summary>Where each render gets its folder (deleted after the render); null: the temp folder.</summary>
    public string? WorkRoot { get; init; }

    /// <summary>The commits rendered and applied, in order.</summary>
    public IReadOnlyList<string> Rendered
    {
        get { lock (_gate) return [.. _rendered]; }
    }

    /// <summary>The commit at the tip of the branch now.</summary>
    public string? Head() => Resolve($"refs/heads/{Branch}");

    /// <summary>The commit <paramref name="revision"/> names (a SHA, branch or tag), or null when it names none.</summary>
    public string? Resolve(string revision)
    {
        var start = new ProcessStartInfo("git", ["--git-dir", GitDir, "rev-parse", "--verify", "--quiet", $"{revision}^{{commit}}"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var sha = git.StandardOutput.ReadToEnd().Trim();
        git.StandardError.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 && sha.Length > 0 ? sha : null;
    }

    /// <summary>Renders <paramref name="commit"/> and writes it as the cluster's settled state (what runs before the test).</summary>
    public async Task SeedAsync(string commit, CancellationToken cancellationToken) =>
        await ApplyAsync(commit, (ns, d) => _controller.SeedAsync(ns, d), cancellationToken);

    /// <summary>The sync's apply: null when every object was applied, else the error Argo CD would report.</summary>
    public async Task<string?> SyncAsync(string commit, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(commit, (ns, d) => _controller.ApplyAsync(ns, d), cancellationToken);
            return null;
        }
        catch (ProcessFailedException e)
        {
            return $"rpc error: code = Unknown desc = Manifest generation error (cached): {e.Result.StandardError.Trim()}";
        }
    }

    /// <summary>The application's health and its objects' (pods and ReplicaSets in the tree only), read from the cluster.</summary>
    public (string Health, IReadOnlyList<FakeArgoResource> Resources) Health()
    {
        IReadOnlyList<(string Kind, string Namespace, string Name)> objects;
        lock (_gate) objects = _objects;
        var resources = new List<FakeArgoResource>();
        foreach (var (kind, ns, name) in objects)
        {
            if (kind != "Deployment")
            {
                resources.Add(new FakeArgoResource(kind, name, "Healthy"));
                continue;
            }
            if (_api.Store.Get(T.Deployment, ns, name) is not { StatusCode: 200, Body: JsonObject deployment })
            {
                resources.Add(new FakeArgoResource(kind, name, "Missing"));
                continue;
            }
            var (health, message) = FakeArgoHealth.OfDeployment(deployment);
            resources.Add(new FakeArgoResource(kind, name, health, message));
            resources.AddRange(Children(ns, deployment));
        }
        return (FakeArgoHealth.Worst(resources.Where(r => !r.TreeOnly).Select(r => r.Health)), resources);
    }

    private IEnumerable<FakeArgoResource> Children(string ns, JsonObject deployment)
    {
        var uid = deployment["metadata"]!["uid"]!.GetValue<string>();
        var sets = Owned(_api.Store.List(T.ReplicaSet, ns), uid).Where(r => r["spec"]?["replicas"]?.GetValue<int>() > 0).ToList();
        foreach (var rs in sets)
        {
            yield return new FakeArgoResource("ReplicaSet", rs["metadata"]!["name"]!.GetValue<string>(), "Healthy", TreeOnly: true);
            foreach (var pod in Owned(_api.Store.List(T.Pod, ns), rs["metadata"]!["uid"]!.GetValue<string>()))
            {
                var (health, message) = FakeArgoHealth.OfPod(pod);
                yield return new FakeArgoResource("Pod", pod["metadata"]!["name"]!.GetValue<string>(), health, message, TreeOnly: true);
            }
        }
    }

    private static IEnumerable<JsonObject> Owned(KubernetesResult list, string uid) =>
        list.Body["items"]!.AsArray().OfType<JsonObject>()
            .Where(o => o["metadata"]?["ownerReferences"]?.AsArray().Any(r => r?["uid"]?.GetValue<string>() == uid) == true);

    private async Task ApplyAsync(string commit, Func<string, JsonObject, Task> deploy, CancellationToken cancellationToken)
    {
        var rendered = await RepoServerRender.RenderAsync(GitDir, commit, Path, cancellationToken, WorkRoot);
        var objects = new List<(string Kind, string Namespace, string Name)>();
        foreach (var o in rendered)
        {
            var kind = o["kind"]!.GetValue<string>();
            var ns = o["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
            objects.Add((kind, ns, o["metadata"]!["name"]!.GetValue<string>()));
            switch (kind)
            {
                case "Deployment":
                    await deploy(ns, o);
                    break;
                case "Service":
                    _api.Store.Seed(T.Service, ns, o);
                    break;
                default:
                    throw new InvalidOperationException($"the fake cluster does not serve {kind} (rendered by {Path} at {commit})");
            }
        }
        lock (_gate)
        {
            _objects = objects;
            _rendered.Add(commit);
        }
    }
}
