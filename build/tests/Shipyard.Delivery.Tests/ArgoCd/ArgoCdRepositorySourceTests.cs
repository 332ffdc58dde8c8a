using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>
/// The fake Argo CD whose application renders a real GitOps repository into the fake cluster, driven by the product's
/// own client: what the end-to-end tests rely on — the commit asked for is the one rendered and applied, health is the
/// cluster's by Argo CD's rules, a commit that does not render fails the sync — and its render folders go away.
/// </summary>
public sealed class ArgoCdRepositorySourceTests : ArgoFixture
{
    internal const string Kustomization = "deploy/todo-api/kustomization.yaml";
    internal const string Registry = "127.0.0.1:5000/todo/todo-api";

    internal static readonly Dictionary<string, string> Files = new()
    {
        [Kustomization] = KustomizationAt("v1"),
        ["deploy/todo-api/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: todo-api
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: todo-api
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: todo-api
                spec:
                  containers:
                    - name: todo-api
                      image: todo-api
            """,
    };

    private readonly string _work = Directory.CreateTempSubdirectory("argo-source-work-").FullName;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    internal static string KustomizationAt(string tag, string resource = "deployment.yaml") => $"""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: todo
        resources:
          - {resource}
        images:
          - name: todo-api
            newName: {Registry}
            newTag: {tag}
        """;

    private async Task<(FakeKubernetesApi Api, FakeDeploymentController Controller, FakeArgoRepositorySource Source, FakeArgoApplication App)> StartAsync(
        GitOpsBareRepository repo, Func<string, bool> crashes, TimeSpan? deadline = null)
    {
        var api = await FakeKubernetesApi.StartAsync();
        var controller = new FakeDeploymentController(api, crashes) { ProgressDeadline = deadline };
        var source = new FakeArgoRepositorySource(repo.Path, "deploy/todo-api", api, controller) { WorkRoot = _work };
        var head = source.Head()!;
        await source.SeedAsync(head, Ct);
        return (api, controller, source, Api.Add(new FakeArgoApplication("todo-api", head) { Source = source }));
    }

    private static string TemplateImage(FakeKubernetesApi api) =>
        api.Store.Get(KubernetesResourceType.Deployment, "todo", "todo-api").Body["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    [Fact]
    public async Task ASyncRendersThePushedCommitIntoTheClusterWhichArgoCdReportsProgressingThenHealthy()
    {
        using var repo = await GitOpsBareRepository.CreateAsync(Files);
        var (api, controller, source, app) = await StartAsync(repo, _ => false);
        await using var _ = api;
        await using var __ = controller;
        var seed = source.Head()!;
        await repo.CommitAsync(Kustomization, KustomizationAt("v2"), "Update todo-api to version v2");
        var pushed = source.Head()!;
        var argo = Argo();

        await argo.SyncAsync("todo-api", pushed, null, Ct);
        var health = await argo.WaitHealthyAsync("todo-api", pushed, null, DateTimeOffset.UtcNow.AddSeconds(30), Ct);

        health.Health.ShouldBe("Healthy");
        source.Rendered.ShouldBe([seed, pushed]);
        TemplateImage(api).ShouldBe($"{Registry}:v2");
        controller.Applied.ShouldBe([$"{Registry}:v1", $"{Registry}:v2"]);
        app.Served.ShouldContain($"Synced/Progressing@{pushed} op=Succeeded");
        app.SyncedAndHealthyAt(pushed).ShouldNotBeNull();
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACrashLoopIsProgressingUntilItsProgressDeadlineThenDegradedInTheResourcesOwnWords()
    {
        using var repo = await GitOpsBareRepository.CreateAsync(Files);
        var (api, controller, source, app) = await StartAsync(repo, image => image.EndsWith(":v2", StringComparison.Ordinal), TimeSpan.FromMilliseconds(500));
        await using var _ = api;
        await using var __ = controller;
        await repo.CommitAsync(Kustomization, KustomizationAt("v2"), "Update todo-api to version v2");
        var pushed = source.Head()!;
        var argo = Argo();

        await argo.SyncAsync("todo-api", pushed, null, Ct);
        var failed = await Should.ThrowAsync<ArgoCdFailedException>(() => argo.WaitHealthyAsync("todo-api", pushed, null, DateTimeOffset.UtcNow.AddSeconds(30), Ct));

        failed.Message.ShouldContain($"is Degraded at revision {pushed[..7]}");
        failed.Reasons.ShouldContain("Deployment todo/todo-api: exceeded its progress deadline");
        failed.Reasons.ShouldContain(r => r.StartsWith("Pod todo/todo-api-", StringComparison.Ordinal) && r.EndsWith("back-off 20s restarting failed container=todo-api", StringComparison.Ordinal));
        app.Served.ShouldContain($"Synced/Progressing@{pushed} op=Succeeded");
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACommitThatDoesNotRenderFailsTheSyncWithKustomizesErrorAndTheOldVersionKeepsRunning()
    {
        using var repo = await GitOpsBareRepository.CreateAsync(Files);
        var (api, controller, source, _) = await StartAsync(repo, _ => false);
        await using var __ = api;
        await using var ___ = controller;
        await repo.CommitAsync(Kustomization, KustomizationAt("v2", resource: "missing.yaml"), "Update todo-api to version v2");
        var pushed = source.Head()!;

        var failed = await Should.ThrowAsync<ArgoCdFailedException>(() => Argo().SyncAsync("todo-api", pushed, null, Ct));

        failed.Message.ShouldContain($"Argo CD sync of todo-api to {pushed[..7]} ended Failed");
        failed.Message.ShouldContain("missing.yaml");
        TemplateImage(api).ShouldBe($"{Registry}:v1");
        controller.Applied.ShouldBe([$"{Registry}:v1"]);
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }
}
