using Shipyard.Delivery.Images;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.GitOps;

/// <summary>Chooses the editor for a manifest format.</summary>
public static class ManifestEditors
{
    /// <summary>The editor for <paramref name="kind"/>.</summary>
    public static IManifestEditor For(ManifestKind kind) => kind switch
    {
        ManifestKind.Kustomize => new KustomizeImageEditor(),
        ManifestKind.HelmValues => new HelmValuesEditor(),
        ManifestKind.RawManifest => new RawManifestEditor(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown manifest kind"),
    };

    private static readonly ImageReference Probe = new("", "shipyard.invalid/probe", "probe");

    /// <summary>
    /// The image <paramref name="text"/> names for <paramref name="manifest"/> (null when it names none): the one
    /// reader of deployed images, the same code path the edit takes, so what is read is what an edit replaces.
    /// </summary>
    /// <exception cref="Shipyard.Engine.UsageException">The YAML is malformed or the entry, key or container is missing.</exception>
    public static ImageReference? ReadImage(string text, string file, GitOpsManifest manifest) =>
        For(manifest.Kind).Edit(text, file, manifest, Probe).Previous;
}
