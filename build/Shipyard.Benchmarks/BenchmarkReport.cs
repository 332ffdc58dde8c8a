namespace Shipyard.Benchmarks;

/// <summary>The rows of one suite run, with the machine's load around it (the machine may be shared).</summary>
/// <param name="Rows">One or more rows per benchmark, in the order they ran.</param>
/// <param name="Load">Load average (1, 5, 15 min) before → after.</param>
/// <param name="Cores">Processor count.</param>
public sealed record BenchmarkReport(IReadOnlyList<BenchmarkRow> Rows, string Load, int Cores)
{
    /// <summary>Rows of benchmarks that should have run and did not.</summary>
    public IReadOnlyList<BenchmarkRow> NotRun => [.. Rows.Where(r => r.Met is null && !r.Optional)];

    /// <summary>"3 PASS, 1 MISS, 0 not run; load ...".</summary>
    public string Summary =>
        $"{Rows.Count(r => r.Met == true)} PASS, {Rows.Count(r => r.Met == false)} MISS, {NotRun.Count} not run; load {Load}";

    /// <summary>The table: aligned plain text for the log, or Markdown for the CI summary.</summary>
    public string Table(bool markdown) => RowTable.Format("Benchmark", ["Benchmark", "Figure (vs baseline)", "Goal", "Mark", "Detail"], Rows,
        markdown ? $"Load average (1, 5, 15 min) before → after: {Load}, {Cores} cores." : $"load average (1, 5, 15 min) before -> after: {Load.Replace("→", "->")}; {Cores} cores",
        markdown);
}
