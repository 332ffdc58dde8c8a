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
}
