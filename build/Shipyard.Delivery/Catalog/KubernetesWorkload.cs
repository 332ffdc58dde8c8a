namespace Shipyard.Delivery.Catalog;

/// <summary>The Kubernetes Deployment that runs a service, and how to probe it.</summary>
public sealed record KubernetesWorkload
{
    /// <summary>Namespace of the Deployment.</summary>
    public string Namespace { get; init; } = "todo";

    /// <summary>Deployment name.</summary>
    public required string Deployment { get; init; }

    /// <summary>Container name inside the pod template.</summary>
    public required string Container { get; init; }

    /// <summary>URL checked after the rollout, if any.</summary>
    public string? HealthUrl { get; init; }
}
