using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Engine;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Sets the repository and tag values of a Helm <c>values.yaml</c> at the manifest's dotted key paths
/// (default <c>image.repository</c> and <c>image.tag</c>), changing only those two values.
/// </summary>
internal sealed class HelmValuesEditor : IManifestEditor
{
    public ManifestEditResult Edit(string text, string file, GitOpsManifest manifest, ImageReference image)
    {
        var yaml = YamlSplice.Parse(text, file);
        var root = yaml.Documents.Count == 1 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
        if (root is null)
            throw new UsageException($"{file}:1: Helm values must be one YAML mapping");

        var (repoKey, repoValue) = Locate(yaml, root, manifest.HelmRepositoryKey);
        var (tagKey, tagValue) = Locate(yaml, root, manifest.HelmTagKey);
        // The digest pins the image only where the chart has a key for it (charts render repository:tag@digest).
        var digest = manifest.HelmDigestKey is { } digestPath ? Locate(yaml, root, digestPath) : default;
        var oldDigest = digest.Value?.Value is { Length: > 0 } d ? d : null;
        var previous = tagValue.Value is { Length: > 0 } oldTag ? new ImageReference("", repoValue.Value ?? "", oldTag, oldDigest) : null;

        yaml.Replace(repoKey, repoValue, image.Name);
        yaml.Replace(tagKey, tagValue, image.Tag);
        if (digest.Value is not null) yaml.Replace(digest.Key, digest.Value, image.Digest ?? "");
        var result = yaml.Apply();
        return new ManifestEditResult(result, result != text, previous);
    }

    private static (YamlScalarNode Key, YamlScalarNode Value) Locate(YamlSplice yaml, YamlMappingNode root, string path)
    {
        var node = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (key, value) = YamlSplice.Find(node, parts[i]);
            var so = string.Join('.', parts[..(i + 1)]);
            if (key is null)
                throw new UsageException($"{yaml.Where(node)}: key '{so}' not found" + (so == path ? "" : $" (looking for '{path}')"));
            if (i == parts.Length - 1)
                return value is YamlScalarNode scalar
                    ? (key, scalar)
                    : throw new UsageException($"{yaml.Where(key)}: '{path}' must be a string value");
            node = value as YamlMappingNode ?? throw new UsageException($"{yaml.Where(key)}: '{so}' must be a mapping (looking for '{path}')");
        }
        throw new UsageException($"{yaml.File}:1: empty key path");
    }
}
