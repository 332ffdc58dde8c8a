using System.Text;

namespace Shipyard.Benchmarks;

/// <summary>The table of <see cref="BenchmarkRow"/>s that the Benchmark and Reliability reports print: aligned text for the log, Markdown for the CI summary.</summary>
internal static class RowTable
{
    /// <summary>
    /// The rows under <paramref name="header"/> (five columns: name, figure, goal, mark, detail), then
    /// <paramref name="footer"/>; Markdown starts with a <paramref name="title"/> heading.
    /// </summary>
    public static string Format(string title, string[] header, IReadOnlyList<BenchmarkRow> rows, string footer, bool markdown)
    {
        var text = new StringBuilder();
        var cells = rows.Select(r => new[] { r.Name, r.Figure, r.Goal, r.Mark, r.Detail }).ToList();
        if (markdown)
        {
            text.AppendLine($"### {title}").AppendLine().AppendLine($"| {string.Join(" | ", header)} |").AppendLine("|---|---|---|---|---|");
            foreach (var c in cells) text.AppendLine($"| {string.Join(" | ", c.Select(s => s.Replace("|", "\\|")))} |");
            return text.AppendLine().AppendLine(footer).ToString();
        }
        var widths = Enumerable.Range(0, 4).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Take(4).Select((s, i) => s.PadRight(widths[i]))) + "  " + c[4];
        text.AppendLine().AppendLine(Line(header));
        foreach (var c in cells) text.AppendLine(Line(c));
        return text.AppendLine(footer).ToString();
    }
}
