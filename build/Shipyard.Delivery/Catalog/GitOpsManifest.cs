namespace Shipyard.Delivery.Catalog;

/// <summary>Where a service's deployed image is recorded in the GitOps repository.</summary>
public sealed record GitOpsManifest
{
    /// <summary>Format of the file.</summary>
    public ManifestKind Kind { get; init; } = ManifestKind.Kustomize;

    /// <summary>File path inside the GitOps repository, e.g. <c>deploy/applications/todo-api/kustomization.yaml</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Kustomize: the <c>images[].name</c> to set. Raw manifest: the container name. Helm: unused.</summary>
    public required string ImageName { get; init; }

    /// <summary>Helm: dotted key of the repository value.</summary>
    public string HelmRepositoryKey { get; init; } = "image.repository";

    /// <summary>Helm: dotted key of the tag value.</summary>
    public string HelmTagKey { get; init; } = "image.tag";

    /// <summary>Helm: dotted key of the digest value (<c>image.digest</c> in many charts); null when the chart has none.</summary>
    public string? HelmDigestKey { get; init; }

    /// <summary>Argo CD application that syncs this manifest.</summary>
    public required string Application { get; init; }
}
