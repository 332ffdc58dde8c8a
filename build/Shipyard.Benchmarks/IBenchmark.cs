namespace Shipyard.Benchmarks;

/// <summary>One named benchmark of the suite: measures ours and its baseline, and turns the figures into rows.</summary>
internal interface IBenchmark
{
    /// <summary>The name <see cref="BenchmarkSuite"/> selects it by.</summary>
    string Name { get; }

    /// <summary>Runs it; a benchmark that cannot run here throws, and the suite records why.</summary>
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken);
}
