using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Engine;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Sets the <c>image:</c> of the container named by the manifest in a plain workload manifest (Deployment,
/// StatefulSet, DaemonSet, Job, CronJob; several documents per file allowed). The container must appear in
/// exactly one pod template of the file.
/// </summary>
internal sealed class RawManifestEditor : IManifestEditor
{
    public ManifestEditResult Edit(string text, string file, GitOpsManifest manifest, ImageReference image)
    {
        var yaml = YamlSplice.Parse(text, file);
        var matches = yaml.Documents
            .Select(d => d.RootNode).OfType<YamlMappingNode>()
            .SelectMany(PodSpecs)
            .SelectMany(spec => YamlSplice.Find(spec, "containers").Value is YamlSequenceNode c ? c.Children.OfType<YamlMappingNode>() : [])
            .Where(c => YamlSplice.Find(c, "name").Value is YamlScalarNode { Value: var n } && n == manifest.ImageName)
            .ToList();
        if (matches.Count == 0)
            throw new UsageException($"{file}:1: no container named '{manifest.ImageName}' in any workload of the file");
        if (matches.Count > 1)
            throw new UsageException($"{yaml.Where(matches[1])}: container '{manifest.ImageName}' appears in {matches.Count} pod templates; use one manifest per workload");

        var (key, value) = YamlSplice.Find(matches[0], "image");
        if (key is null || value is not YamlScalarNode scalar)
            throw new UsageException($"{yaml.Where(matches[0])}: container '{manifest.ImageName}' has no image: value");
        var previous = ImageReference.Parse(scalar.Value);
        yaml.Replace(key, scalar, image.ToString());
        var result = yaml.Apply();
        return new ManifestEditResult(result, result != text, previous);
    }

    private static IEnumerable<YamlMappingNode> PodSpecs(YamlMappingNode root)
    {
        static YamlMappingNode? At(YamlMappingNode? node, params string[] path)
        {
            foreach (var p in path)
                node = node is null ? null : YamlSplice.Find(node, p).Value as YamlMappingNode;
            return node;
        }
        if (At(root, "spec", "template", "spec") is { } pod) yield return pod;
        if (At(root, "spec", "jobTemplate", "spec", "template", "spec") is { } cron) yield return cron;
    }
}
