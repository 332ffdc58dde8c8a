namespace Shipyard.Delivery.Catalog;

/// <summary>The Kubernetes workload (Deployment, StatefulSet or DaemonSet) that runs a service, and how to probe it.</summary>
public sealed record KubernetesWorkload
{
    /// <summary>Namespace of the Deployment.</summary>
    public string Namespace { get; init; } = "todo";

    /// <summary>Kind of the workload (service.yaml <c>deploy.kind</c>).</summary>
    public WorkloadKind Kind { get; init; } = WorkloadKind.Deployment;

    /// <summary>Workload name (service.yaml <c>deploy.deployment</c>; the name of the StatefulSet or DaemonSet for those kinds).</summary>
    public required string Deployment { get; init; }

    /// <summary>Container name inside the pod template.</summary>
    public required string Container { get; init; }

    /// <summary>URL checked after the rollout, if any.</summary>
    public string? HealthUrl { get; init; }
}
