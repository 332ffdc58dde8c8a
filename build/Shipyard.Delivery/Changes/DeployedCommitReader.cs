using System.Text.RegularExpressions;
using Shipyard.Delivery.Catalog;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Reads the image tag a service's GitOps manifest deploys (kustomize <c>images[].newTag</c>, the Helm tag key, or a
/// raw manifest's container image) and the commit SHA it records: a tag that is, or ends in <c>-</c>/<c>_</c>/<c>.</c>
/// followed by, 7–40 hex digits (<c>a1b2c3d</c>, <c>sha-a1b2c3d</c>, <c>main-a1b2c3d</c>). Pure.
/// </summary>
public static partial class DeployedCommitReader
{
    /// <summary>The SHA (full or abbreviated) recorded by the manifest text, or null.</summary>
    public static string? CommitOf(Service service, string manifestText)
    {
        var tag = TagOf(service, manifestText);
        if (tag is null) return null;
        var match = ShaSuffix().Match(tag);
        return match.Success ? match.Groups["sha"].Value : null;
    }

    /// <summary>The image tag the manifest deploys, or null when it has none (or the text is not YAML).</summary>
    public static string? TagOf(Service service, string manifestText)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(manifestText));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
        var m = service.Manifest;
        foreach (var doc in stream.Documents)
        {
            var tag = m.Kind switch
            {
                ManifestKind.Kustomize => Kustomize(doc.RootNode, m.ImageName),
                ManifestKind.HelmValues => Scalar(Dotted(doc.RootNode, m.HelmTagKey)),
                _ => Raw(doc.RootNode, m.ImageName),
            };
            if (tag is not null) return tag;
        }
        return null;
    }

    private static string? Kustomize(YamlNode root, string imageName) =>
        Child(root, "images") is YamlSequenceNode images
            ? images.OfType<YamlMappingNode>().Where(i => Scalar(Child(i, "name")) == imageName)
                .Select(i => Scalar(Child(i, "newTag"))).FirstOrDefault()
            : null;

    private static string? Raw(YamlNode node, string container)
    {
        // Find `containers: [{name: <container>, image: repo:tag}]` anywhere in the document.
        if (node is YamlMappingNode map)
        {
            if (Child(map, "containers") is YamlSequenceNode list)
                foreach (var c in list.OfType<YamlMappingNode>())
                    if (Scalar(Child(c, "name")) == container && Scalar(Child(c, "image")) is { } image)
                        return ImageTag(image);
            foreach (var child in map.Children.Values)
                if (Raw(child, container) is { } found) return found;
        }
        else if (node is YamlSequenceNode seq)
            foreach (var child in seq)
                if (Raw(child, container) is { } found) return found;
        return null;
    }

    private static string? ImageTag(string image)
    {
        var name = image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[(colon + 1)..] : null; // a ':' before the last '/' is a port
    }

    private static YamlNode? Dotted(YamlNode root, string key) =>
        key.Split('.').Aggregate<string, YamlNode?>(root, (n, part) => n is null ? null : Child(n, part));

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode s && !string.IsNullOrEmpty(s.Value) ? s.Value : null;

    [GeneratedRegex("(?:^|[-_.])(?<sha>[0-9a-f]{7,40})$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaSuffix();
}
