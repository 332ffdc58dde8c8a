using k8s;

namespace Shipyard.Delivery.Clusters;

/// <summary>
/// The cluster a run talks to, built once by <see cref="KubernetesAccess.Resolve"/>: the client configuration, or
/// null with the reason no cluster is configured (a step that needs one is skipped with that reason).
/// </summary>
/// <param name="Configuration">KubernetesClient's configuration; null when no cluster is configured.</param>
/// <param name="Source">Where it came from, e.g. <c>kubeconfig /home/ci/.kube/config (context prod)</c> or <c>in-cluster service account</c>.</param>
/// <param name="SkipReason">Why there is no cluster; null when there is one.</param>
public sealed record KubernetesCluster(KubernetesClientConfiguration? Configuration, string Source, string? SkipReason)
{
    /// <summary>True when a cluster is configured.</summary>
    public bool IsConfigured => Configuration is not null;
}
