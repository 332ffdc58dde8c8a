using k8s;

namespace Shipyard.Benchmarks;

/// <summary>What the benchmarks need from the run: the repository, the size, and the optional real cluster.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>The repository root (the catalog and build/benchmarks/help-startup.sh are read from it).</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The sizes the goals are set for (1,000 services, 20 concurrent deploys, ...); false: a quick smoke run.</summary>
    public bool Full { get; init; } = true;

    /// <summary>A configured cluster for the Lease lock benchmark; without one that row is skipped.</summary>
    public KubernetesClientConfiguration? Cluster { get; init; }

    /// <summary>The namespace of the benchmark's Leases.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>Masks secrets in echoed commands.</summary>
    public Func<string, string> Mask { get; init; } = s => s;

    /// <summary>The clock of the components under test.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
