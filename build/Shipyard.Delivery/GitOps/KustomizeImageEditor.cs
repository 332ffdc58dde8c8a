using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Engine;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Sets an entry of a <c>kustomization.yaml</c>'s <c>images:</c> list the way
/// <c>kustomize edit set image name=newName:newTag[@digest]</c> does (the whole entry becomes name, newName,
/// newTag and the digest when given; a stale digest is removed), but rewrites only the changed values instead of
/// re-marshalling the file, so comments and formatting survive. A missing entry is an error rather than added:
/// an entry that matches no image of the rendered resources would deploy nothing.
/// </summary>
internal sealed class KustomizeImageEditor : IManifestEditor
{
    public ManifestEditResult Edit(string text, string file, GitOpsManifest manifest, ImageReference image)
    {
        var yaml = YamlSplice.Parse(text, file);
        var root = yaml.Documents.Count == 1 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
        if (root is null)
            throw new UsageException($"{file}:1: a kustomization must be one YAML mapping");
        var (_, images) = YamlSplice.Find(root, "images");
        if (images is not YamlSequenceNode list)
            throw new UsageException($"{file}:1: no 'images:' list; add an entry with name: {manifest.ImageName}");

        var entries = list.Children.OfType<YamlMappingNode>()
            .Where(e => YamlSplice.Find(e, "name").Value is YamlScalarNode { Value: var n } && n == manifest.ImageName)
            .ToList();
        if (entries.Count == 0)
            throw new UsageException($"{yaml.Where(list)}: no images entry with name: {manifest.ImageName}; add one (it must match the image in the resources)");
        if (entries.Count > 1)
            throw new UsageException($"{yaml.Where(entries[1])}: two images entries with name: {manifest.ImageName}; keep one");
        var entry = entries[0];

        var previous = Read(entry, manifest.ImageName);
        var missing = new List<(string, string)>();
        Set(yaml, entry, "newName", image.Name, missing);
        Set(yaml, entry, "newTag", image.Tag, missing);
        if (image.Digest is not null) Set(yaml, entry, "digest", image.Digest, missing);
        else if (YamlSplice.Find(entry, "digest") is ({ } digestKey, { } digestValue)) yaml.Remove(digestKey, digestValue);
        yaml.Append(entry, missing);

        var result = yaml.Apply();
        return new ManifestEditResult(result, result != text, previous);
    }

    private static void Set(YamlSplice yaml, YamlMappingNode entry, string key, string value, List<(string, string)> missing)
    {
        var (k, v) = YamlSplice.Find(entry, key);
        if (k is null) missing.Add((key, value));
        else if (v is YamlScalarNode scalar) yaml.Replace(k, scalar, value);
        else throw new UsageException($"{yaml.Where(k)}: '{key}' must be a string");
    }

    private static ImageReference? Read(YamlMappingNode entry, string name)
    {
        string? Value(string key) => (YamlSplice.Find(entry, key).Value as YamlScalarNode)?.Value is { Length: > 0 } s ? s : null;
        var tag = Value("newTag");
        var digest = Value("digest");
        return tag is null && digest is null ? null : new ImageReference("", Value("newName") ?? name, tag ?? "", digest);
    }
}
