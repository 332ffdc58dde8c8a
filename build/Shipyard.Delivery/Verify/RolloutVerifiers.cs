using k8s;
using Shipyard.Engine;

namespace Shipyard.Delivery.Verify;

/// <summary>Builds the rollout verifiers.</summary>
public static class RolloutVerifiers
{
    /// <summary>Watches the Kubernetes API of <paramref name="cluster"/> (see <c>Clusters.KubernetesAccess</c>).</summary>
    public static IRolloutVerifier Kubernetes(KubernetesClientConfiguration cluster, TimeProvider time, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new KubernetesRolloutVerifier(new k8s.Kubernetes(cluster), time, http ?? new HttpClient());
    }

    /// <summary>Judges snapshots read from <paramref name="source"/> every <paramref name="interval"/> (e.g. <c>kubectl get -o json</c> over SSM).</summary>
    public static IRolloutVerifier Polling(Func<CancellationToken, Task<RolloutSnapshot>> source, TimeSpan interval, TimeProvider time, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (interval <= TimeSpan.Zero) throw new UsageException($"the rollout poll interval must be positive, got {interval}");
        return new PollingRolloutVerifier(source, interval, time, http ?? new HttpClient());
    }
}
