using System.Text;

namespace Shipyard.Engine;

/// <summary>Renders the run record as the end-of-run table (terminal text) or as markdown (GitHub job summary).</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter output, RunRecord record, Ansi ansi)
    {
        var rows = record.Rows.Select(r => (Name: r.DisplayName, r.Status, Duration: Duration(r), Note: r.Note ?? "")).ToList();
        var nameWidth = Math.Max(6, rows.Select(r => r.Name.Length).DefaultIfEmpty().Max());
        const int statusWidth = 10;
        const int durationWidth = 8;
        var width = nameWidth + statusWidth + durationWidth + 30;

        output.WriteLine();
        output.WriteLine(new string('═', width));
        output.WriteLine($"{"Target".PadRight(nameWidth)}  {"Status",-statusWidth}  {"Duration",durationWidth}  Note");
        output.WriteLine(new string('─', width));
        foreach (var row in rows)
        {
            var status = ansi.Status(row.Status, row.Status.ToString().PadRight(statusWidth));
            output.WriteLine($"{row.Name.PadRight(nameWidth)}  {status}  {row.Duration,durationWidth}  {row.Note}".TrimEnd());
        }
        output.WriteLine(new string('─', width));
        output.WriteLine($"{"Total".PadRight(nameWidth)}  {"",-statusWidth}  {Durations.Format(record.Duration),durationWidth}");
        output.WriteLine(new string('═', width));
        output.WriteLine();
        var verdict = Verdict(record);
        output.WriteLine(record.Succeeded ? ansi.Green(ansi.Bold(verdict)) : ansi.Red(ansi.Bold(verdict)));
    }

    public static string Verdict(RunRecord record) => record switch
    {
        { Succeeded: true } => "Build succeeded",
        { Cancelled: true } => $"Build cancelled (exit code {record.ExitCode})",
        _ => $"Build failed (exit code {record.ExitCode})",
    };

    public static string Markdown(RunRecord record)
    {
        var text = new StringBuilder();
        text.Append("| Target | Status | Duration | Note |\n|---|---|---|---|\n");
        foreach (var row in record.Rows)
            text.Append($"| {Cell(row.DisplayName)} | {Icon(row.Status)} {row.Status} | {Duration(row)} | {Cell(row.Note ?? "")} |\n");
        text.Append($"\n**{Verdict(record)}** in {Durations.Format(record.Duration)}\n");
        return text.ToString();
    }

    private static string Duration(RunRecordRow row) =>
        row.Status is TargetStatus.NotRun || (row.Status is TargetStatus.Skipped && row.Duration == TimeSpan.Zero)
            ? ""
            : Durations.Format(row.Duration);

    private static string Icon(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => "✅",
        TargetStatus.Failed => "❌",
        TargetStatus.Skipped => "⏭️",
        _ => "⏸️",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
