using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Catalog;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Tests.Platform;

public sealed class KustomizeManifestTests
{
    public static TheoryData<string> ServiceNames() => [.. ServiceCatalog.Load(RepositoryRoot.Path).Services.Select(s => s.Name)];

    private static async Task<List<YamlMappingNode>> RenderAsync(string folder)
    {
        var runner = new ProcessRunner(TextWriter.Null, s => s);
        var result = await runner.RunAsync("kubectl", ["kustomize", folder], cancellationToken: TestContext.Current.CancellationToken);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.StandardOutput));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params object[] path) =>
        path.Aggregate(node, (n, key) => key is int i ? ((YamlSequenceNode)n)[i] : ((YamlMappingNode)n)[(string)key]);

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task EveryServicesKustomizationRendersItsDeploymentWithThePinnedImage(string name)
    {
        var service = ServiceCatalog.Load(RepositoryRoot.Path).Find(name)!;
        var folder = Path.Combine(RepositoryRoot.Path, Path.GetDirectoryName(service.Manifest.Path)!);
        var kustomization = new YamlStream();
        kustomization.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, service.Manifest.Path), TestContext.Current.CancellationToken)));
        var image = ((YamlSequenceNode)At(kustomization.Documents[0].RootNode, "images")).Single(i => Text(i, "name") == service.Manifest.ImageName);

        var documents = await RenderAsync(folder);

        var deployment = documents.Single(d => Text(d, "kind") == "Deployment");
        Text(deployment, "metadata", "name").ShouldBe(service.Workload.Deployment);
        Text(deployment, "metadata", "namespace").ShouldBe(service.Workload.Namespace);
        var container = ((YamlSequenceNode)At(deployment, "spec", "template", "spec", "containers")).Single(c => Text(c, "name") == service.Workload.Container);
        Text(container, "image").ShouldBe($"{Text(image, "newName")}:{Text(image, "newTag")}");
        Text(image, "newName").ShouldEndWith("/" + service.ImageRepository);
        Text(image, "newTag").ShouldMatch("^[0-9a-f]{7}$");
        At(container, "resources", "requests", "memory").ShouldNotBeNull();
        At(container, "resources", "limits", "memory").ShouldNotBeNull();
    }

    [Fact]
    public async Task TheApiIsProbedOnReadyzAndHealthzAndExposedByAService()
    {
        var documents = await RenderAsync(Path.Combine(RepositoryRoot.Path, "deploy/applications/todo-api"));

        var container = At(documents.Single(d => Text(d, "kind") == "Deployment"), "spec", "template", "spec", "containers", 0);
        Text(container, "readinessProbe", "httpGet", "path").ShouldBe("/readyz");
        Text(container, "livenessProbe", "httpGet", "path").ShouldBe("/healthz");
        var service = documents.Single(d => Text(d, "kind") == "Service");
        Text(service, "spec", "ports", 0, "targetPort").ShouldBe("http");
    }

    [Fact]
    public async Task TheWorkerIsProbedThroughItsHeartbeatFile()
    {
        var documents = await RenderAsync(Path.Combine(RepositoryRoot.Path, "deploy/applications/todo-worker"));

        var container = At(documents.Single(d => Text(d, "kind") == "Deployment"), "spec", "template", "spec", "containers", 0);
        var command = string.Join(' ', ((YamlSequenceNode)At(container, "livenessProbe", "exec", "command")).Select(n => ((YamlScalarNode)n).Value));
        command.ShouldContain("/tmp/heartbeat");
        ((YamlSequenceNode)At(container, "env")).Select(e => Text(e, "name")).ShouldContain("Worker__HeartbeatFile");
        documents.ShouldNotContain(d => Text(d, "kind") == "Service");
    }

    [Fact]
    public void TheImageEntryKeepsItsCommentsForTheGitOpsEditors()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/applications/todo-api/kustomization.yaml"));

        text.ShouldContain("newName: registry.example.com/todo/todo-api # registry from --registry");
        text.ShouldContain("# The pipeline's Deploy target rewrites newName/newTag below");
    }
}
