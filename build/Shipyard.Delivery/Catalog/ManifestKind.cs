namespace Shipyard.Delivery.Catalog;

/// <summary>The format of a service's GitOps manifest.</summary>
public enum ManifestKind
{
    /// <summary><c>kustomization.yaml</c> with an <c>images:</c> entry.</summary>
    Kustomize,

    /// <summary>Helm <c>values.yaml</c> with repository and tag keys.</summary>
    HelmValues,

    /// <summary>A plain Deployment manifest; the container is chosen by name.</summary>
    RawManifest,
}
