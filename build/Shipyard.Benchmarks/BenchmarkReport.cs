using System.Text;

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
    public string Table(bool markdown)
    {
        var text = new StringBuilder();
        string[] header = ["Benchmark", "Figure (vs baseline)", "Goal", "Mark", "Detail"];
        var cells = Rows.Select(r => new[] { r.Name, r.Figure, r.Goal, r.Mark, r.Detail }).ToList();
        if (markdown)
        {
            text.AppendLine("### Benchmark").AppendLine().AppendLine($"| {string.Join(" | ", header)} |").AppendLine("|---|---|---|---|---|");
            foreach (var c in cells) text.AppendLine($"| {string.Join(" | ", c.Select(s => s.Replace("|", "\\|")))} |");
            return text.AppendLine().AppendLine($"Load average (1, 5, 15 min) before → after: {Load}, {Cores} cores.").ToString();
        }
        var widths = Enumerable.Range(0, 4).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Take(4).Select((s, i) => s.PadRight(widths[i]))) + "  " + c[4];
        text.AppendLine().AppendLine(Line(header));
        foreach (var c in cells) text.AppendLine(Line(c));
        return text.AppendLine($"load average (1, 5, 15 min) before -> after: {Load.Replace("→", "->")}; {Cores} cores").ToString();
    }
}
