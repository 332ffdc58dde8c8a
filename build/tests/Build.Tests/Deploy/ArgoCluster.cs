using Shipyard.Delivery.Tests.Fakes;

namespace Build.Tests.Deploy;

/// <summary>
/// A fake cluster run by a fake Argo CD that renders the real GitOps repository: the Kubernetes API (what Verify
/// reads, through <see cref="Kubeconfig"/>), its Deployment controller (images <c>crashes</c> names crash-loop), and
/// the Argo CD API with the <c>todo-api</c> application, whose source is the bare repository's <c>main</c>. The cluster
/// starts out running what <c>main</c> renders now.
/// </summary>
internal sealed class ArgoCluster : IAsyncDisposable
{
    public const string Application = "todo-api";
    public const string Path = "deploy/applications/todo-api";

    private readonly string _gitDir;
    private readonly bool _autoSync;

    private ArgoCluster(FakeKubernetesApi api, FakeDeploymentController controller, FakeArgoRepositorySource source, FakeArgoCdApi argo, FakeArgoApplication app,
        string gitDir, bool autoSync)
    {
        (Api, Controller, Source, Argo, App, _gitDir, _autoSync) = (api, controller, source, argo, app, gitDir, autoSync);
        Kubeconfig = FakeKubernetesApi.WriteKubeconfig(api.Url);
    }

    public FakeKubernetesApi Api { get; }

    public FakeDeploymentController Controller { get; }

    public FakeArgoRepositorySource Source { get; }

    public FakeArgoCdApi Argo { get; }

    public FakeArgoApplication App { get; }

    /// <summary>A kubeconfig file for the fake API (in a temp folder of its own, deleted with the cluster).</summary>
    public string Kubeconfig { get; }

    /// <summary>What tells the pipeline about this Argo CD.</summary>
    public string[] ArgoArgs => ArgoArgsWith("30s");

    /// <summary>What tells the pipeline about this Argo CD, with the sync wait's deadline.</summary>
    public string[] ArgoArgsWith(string timeout) => ["--argocd-server", Argo.Url.ToString(), "--argocd-token", Argo.Token, "--argocd-timeout", timeout];

    /// <summary>
    /// Starts it on <paramref name="gitDir"/>. With <paramref name="autoSync"/> the application syncs by itself after
    /// its own poll of the branch (shortened to 100 ms); without, it waits for sync requests.
    /// </summary>
    public static async Task<ArgoCluster> StartAsync(string gitDir, Func<string, bool> crashes, bool autoSync)
    {
        var api = await FakeKubernetesApi.StartAsync();
        var controller = new FakeDeploymentController(api, crashes);
        var source = new FakeArgoRepositorySource(gitDir, Path, api, controller);
        var head = source.Head() ?? throw new InvalidOperationException($"{gitDir} has no main branch");
        await source.SeedAsync(head, TestContext.Current.CancellationToken);
        var argo = await FakeArgoCdApi.StartAsync(TimeSpan.FromMilliseconds(20));
        var app = argo.Add(new FakeArgoApplication(Application, head) { Source = source, AutoSync = autoSync, PollTicks = autoSync ? 5 : null });
        return new ArgoCluster(api, controller, source, argo, app, gitDir, autoSync);
    }

    /// <summary>
    /// Adds the application of another service of the platform (<c>deploy/applications/&lt;name&gt;</c> of the same
    /// branch, synced the same way), its objects seeded as the branch renders them now.
    /// </summary>
    public async Task<(FakeArgoApplication App, FakeArgoRepositorySource Source)> AddApplicationAsync(string name)
    {
        var source = new FakeArgoRepositorySource(_gitDir, $"deploy/applications/{name}", Api, Controller);
        var head = source.Head()!;
        await source.SeedAsync(head, TestContext.Current.CancellationToken);
        return (Argo.Add(new FakeArgoApplication(name, head) { Source = source, AutoSync = _autoSync, PollTicks = _autoSync ? 5 : null }), source);
    }

    /// <summary>
    /// Whether Argo CD shows <paramref name="revision"/> Synced and Healthy by a sync that Succeeded within 10 s: its
    /// controller reads the cluster on its own ticks, so it may see the finished rollout a tick after Verify did.
    /// </summary>
    public async Task<bool> HealthyAtAsync(string revision)
    {
        for (var waited = 0; App.SyncedAndHealthyAt(revision) is null; waited += 20)
        {
            if (waited >= 10_000) return false;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return true;
    }

    /// <summary>The image of the Deployment's template in the fake cluster now.</summary>
    public string TemplateImage =>
        Api.Store.Get(KubernetesResourceType.Deployment, "todo", Application).Body["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    /// <summary>The images of the ready pods in the fake cluster now.</summary>
    public IReadOnlyList<string> ReadyPodImages =>
        [.. Api.Store.List(KubernetesResourceType.Pod, "todo").Body["items"]!.AsArray()
            .Select(p => p!["status"]!["containerStatuses"]![0]!)
            .Where(c => c["ready"]!.GetValue<bool>()).Select(c => c["image"]!.GetValue<string>())];

    public async ValueTask DisposeAsync()
    {
        await Argo.DisposeAsync();
        await Controller.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(System.IO.Path.GetDirectoryName(Kubeconfig)!, recursive: true);
    }
}
