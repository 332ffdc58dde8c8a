using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Changes;
using Shipyard.Delivery.Workflows;
using YamlDotNet.RepresentationModel;
using YamlNode = YamlDotNet.RepresentationModel.YamlNode;

namespace Shipyard.Delivery.Tests.Workflows;

/// <summary>A spec for the todo platform and helpers to read generated YAML back.</summary>
internal static class WorkflowFixture
{
    public static WorkflowSpec Spec(bool perService = false) => new()
    {
        Services = [.. TodoPlatform.Catalog(), TodoPlatform.Service("todo-web") with { WatchedPaths = ["protos/todo.proto"] }],
        Secrets = ["REGISTRY_PASSWORD", "GITOPS_TOKEN", "ARGOCD_TOKEN", "SLACK_TOKEN"],
        PathFilteredPerService = perService,
    };

    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode At(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = node is YamlSequenceNode seq && int.TryParse(key, out var i) ? seq[i] : ((YamlMappingNode)node)[key];
        return node;
    }

    public static string Text(this YamlNode node, params string[] path) => ((YamlScalarNode)node.At(path)).Value!;

    public static string Content(IReadOnlyList<GeneratedWorkflow> workflows, string name) => workflows.Single(w => w.FileName == name).Content;

    public static IReadOnlyList<Service> Catalog => Spec().Services;
}
