namespace Shipyard.Delivery.Catalog;

/// <summary>The kind of Kubernetes workload that runs a service (service.yaml <c>deploy.kind</c>).</summary>
public enum WorkloadKind
{
    /// <summary><c>apps/v1</c> Deployment (the default).</summary>
    Deployment,

    /// <summary><c>apps/v1</c> StatefulSet.</summary>
    StatefulSet,

    /// <summary><c>apps/v1</c> DaemonSet.</summary>
    DaemonSet,
}
