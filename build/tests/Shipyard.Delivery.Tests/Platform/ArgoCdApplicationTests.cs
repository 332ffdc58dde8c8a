using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Catalog;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Tests.Platform;

public sealed class ArgoCdApplicationTests
{
    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, path))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Text(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;

    [Fact]
    public void TheRootApplicationManagesTheAppsFolder()
    {
        var root = Load("deploy/argocd/root.yaml");

        Text(root, "kind").ShouldBe("Application");
        Text(root, "spec", "source", "path").ShouldBe("deploy/argocd/apps");
        Text(root, "spec", "syncPolicy", "automated", "prune").ShouldBe("true");
    }

    [Fact]
    public void EachServiceHasAnAutomatedSelfHealingApplicationOnItsManifestFolder()
    {
        foreach (var service in ServiceCatalog.Load(RepositoryRoot.Path).Services)
        {
            var app = Load($"deploy/argocd/apps/{service.Manifest.Application}.yaml");

            Text(app, "metadata", "name").ShouldBe(service.Manifest.Application);
            Text(app, "spec", "source", "path").ShouldBe(Path.GetDirectoryName(service.Manifest.Path)!.Replace('\\', '/'));
            Text(app, "spec", "destination", "namespace").ShouldBe(service.Workload.Namespace);
            Text(app, "spec", "syncPolicy", "automated", "prune").ShouldBe("true");
            Text(app, "spec", "syncPolicy", "automated", "selfHeal").ShouldBe("true");
            ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)app["spec"])["syncPolicy"])["syncOptions"])
                .Select(n => ((YamlScalarNode)n).Value).ShouldContain("CreateNamespace=true");
        }
    }
}
