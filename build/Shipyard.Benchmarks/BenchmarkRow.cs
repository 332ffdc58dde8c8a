namespace Shipyard.Benchmarks;

/// <summary>One line of the benchmark table.</summary>
/// <param name="Name">What was measured ("verify: first crash loop → failure").</param>
/// <param name="Figure">Our figure and the baseline's, measured in the same run.</param>
/// <param name="Goal">The goal the figure is held to.</param>
/// <param name="Met">Whether the goal was met; null when the benchmark did not run.</param>
/// <param name="Detail">How it was measured, sizes, alternatives, or why it did not run.</param>
/// <param name="Optional">A benchmark that may not run here (it needs something this machine may lack) without failing the suite.</param>
public sealed record BenchmarkRow(string Name, string Figure, string Goal, bool? Met, string Detail, bool Optional = false)
{
    /// <summary>PASS, MISS, or SKIP for an optional benchmark that did not run.</summary>
    public string Mark => Met switch { true => "PASS", false => "MISS", null => Optional ? "SKIP" : "MISS" };

    /// <summary>A row for a benchmark that could not run, with the first line of the reason.</summary>
    public static BenchmarkRow NotRun(string name, string reason, bool optional = false) =>
        new(name, "not run", "", null, reason.Split('\n')[0].Trim(), optional);
}
