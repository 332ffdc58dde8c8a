using Shipyard.Delivery.Records;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>What the Reliability report is made of: gathered by <see cref="ReliabilitySuite"/>, turned into rows by <see cref="ReliabilityReport.Of"/>.</summary>
public sealed record ReliabilityInputs
{
    /// <summary>The kinds that were asked for (<see cref="ReliabilityKinds"/>); the others show as skipped.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>How each kind's tests ended.</summary>
    public IReadOnlyDictionary<string, TestOutcomes> Tests { get; init; } = new Dictionary<string, TestOutcomes>();

    /// <summary>The figures the tests recorded.</summary>
    public RecordedFigures Figures { get; init; } = RecordedFigures.None;

    /// <summary>The Benchmark suite's rows of racing GitOps jobs and lock contention across OS processes (concurrency only).</summary>
    public IReadOnlyList<BenchmarkRow> Benchmarks { get; init; } = [];

    /// <summary>The newest successful Deploy run's saved times, or null when none was saved.</summary>
    public SavedRun? Deploy { get; init; }

    /// <summary>Load average (1, 5, 15 min) before → after.</summary>
    public string Load { get; init; } = "n/a";

    /// <summary>Processor count.</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;
}
