using k8s;
using Shipyard.Delivery.Verify;

namespace Shipyard.Benchmarks.Verify;

/// <summary>
/// A cluster stand-in the <see cref="VerifyBenchmark"/> can script one rollout on (the fake API server with a
/// scenario, see <see cref="FakeClusterRollout"/>).
/// </summary>
public interface IBenchmarkRollout : IAsyncDisposable
{
    /// <summary>The cluster, for our verifier.</summary>
    KubernetesClientConfiguration Cluster { get; }

    /// <summary>A kubeconfig file for the same cluster, for kubectl.</summary>
    string KubeconfigPath { get; }

    /// <summary>What to verify (kind, name, container, expected image).</summary>
    VerifyRequest Request { get; }

    /// <summary>Plays the rollout; returns the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the moment that
    /// matters: the write that completed the rollout, or the one that made the first pod crash-loop.</summary>
    Task<long> PlayAsync(CancellationToken cancellationToken);
}
