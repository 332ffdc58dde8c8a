namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>A namespaced resource the fake API serves, e.g. <c>coordination.k8s.io/v1 leases Lease</c>.</summary>
/// <param name="Group">API group; empty for the core group (served under <c>/api/v1</c>).</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">The path segment, e.g. <c>leases</c>.</param>
/// <param name="Kind">The object kind, e.g. <c>Lease</c>.</param>
public sealed record KubernetesResourceType(string Group, string Version, string Plural, string Kind)
{
    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How the API server names the resource in messages, e.g. <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Leases (the deploy lock).</summary>
    public static KubernetesResourceType Lease { get; } = new("coordination.k8s.io", "v1", "leases", "Lease");

    /// <summary>Deployments (for rollout verification).</summary>
    public static KubernetesResourceType Deployment { get; } = new("apps", "v1", "deployments", "Deployment");

    /// <summary>ReplicaSets (for rollout history and undo).</summary>
    public static KubernetesResourceType ReplicaSet { get; } = new("apps", "v1", "replicasets", "ReplicaSet");

    /// <summary>StatefulSets (for rollout verification).</summary>
    public static KubernetesResourceType StatefulSet { get; } = new("apps", "v1", "statefulsets", "StatefulSet");

    /// <summary>DaemonSets (for rollout verification).</summary>
    public static KubernetesResourceType DaemonSet { get; } = new("apps", "v1", "daemonsets", "DaemonSet");

    /// <summary>ControllerRevisions (the revisions of StatefulSets and DaemonSets).</summary>
    public static KubernetesResourceType ControllerRevision { get; } = new("apps", "v1", "controllerrevisions", "ControllerRevision");

    /// <summary>Everything a rollout involves.</summary>
    public static IReadOnlyList<KubernetesResourceType> Rollout => [Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision, Pod, Event];

    /// <summary>Pods (for fail-fast reasons).</summary>
    public static KubernetesResourceType Pod { get; } = new("", "v1", "pods", "Pod");

    /// <summary>Events (for failure context).</summary>
    public static KubernetesResourceType Event { get; } = new("", "v1", "events", "Event");

    /// <summary>Services (what an application renders beside its workload).</summary>
    public static KubernetesResourceType Service { get; } = new("", "v1", "services", "Service");
}
