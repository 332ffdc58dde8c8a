using Shipyard.Delivery.Clusters;
using Shipyard.Engine;

// The Kubernetes cluster (Verify, the Lease lock): found once per run from the session's environment.
partial class Pipeline
{
    [Parameter("kubeconfig context to use (default: the current context)")]
    readonly string? KubeContext = null;

    [Parameter("Fail Verify instead of skipping it when no cluster is configured (CI profiles that deploy to a cluster set it)")]
    readonly bool RequireCluster = false;

    KubernetesCluster? _cluster;

    /// <summary>The cluster, or none with the reason: KubernetesClient's own config loading, merged as kubectl merges.</summary>
    KubernetesCluster Cluster => _cluster ??= KubernetesAccess.Resolve(Environment, KubeContext);
}
