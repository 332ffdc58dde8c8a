using System.Text;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// The deploy table for <c>$GITHUB_STEP_SUMMARY</c>: service | version | strategy | result | duration | links, one row
/// per service, then the errors. A pure function of the report; the engine's host writes it.
/// </summary>
public static class DeployTableMarkdown
{
    /// <summary>The markdown, ending with a newline.</summary>
    public static string Render(DeliveryReport report)
    {
        var run = report.Run;
        var text = new StringBuilder()
            .Append($"### Deploy to {Cell(run.Environment)}: {Emoji(report.Status)} {DeliveryText.Word(report.Status)} in {DeliveryText.Duration(report.Duration)}\n\n")
            .Append("| service | version | strategy | result | duration | links |\n")
            .Append("|---|---|---|---|---|---|\n");
        foreach (var view in report.Services)
            text.Append($"| {Cell(view.Service)} | {Version(view)} | {Cell(view.Strategy ?? "build only")} | {Result(view)} | ")
                .Append($"{(view.Status == DeliveryStatus.Started ? "running" : DeliveryText.Duration(view.Duration))} | {Links(run, view)} |\n");
        var failures = report.Services.Where(v => v.Error is not null).ToList();
        if (failures.Count > 0) text.Append('\n');
        foreach (var view in failures)
            text.Append($"- **{Cell(view.Service)}** failed at **{Cell(view.FailedStage ?? "an unknown stage")}**: {Code(DeliveryText.OneLine(view.Error!, 300))}\n");
        return text.ToString();
    }

    private static string Result(ServiceDeliveryView view) => view.Status switch
    {
        DeliveryStatus.RolledBack when view.RollbackTarget is { } to => $"{Emoji(view.Status)} Rolled back to {Code(to)}",
        DeliveryStatus.RollbackFailed when view.RollbackTarget is { } to => $"{Emoji(view.Status)} Rollback to {Code(to)} failed",
        DeliveryStatus.Failed or DeliveryStatus.RolledBack or DeliveryStatus.RollbackFailed when view.FailedStage is { } stage =>
            $"{Emoji(view.Status)} {DeliveryText.Word(view.Status)} ({Cell(stage)})",
        _ => $"{Emoji(view.Status)} {DeliveryText.Word(view.Status)}",
    };

    private static string Version(ServiceDeliveryView view) =>
        (view.VersionTag, DeliveryText.ShortDigest(view.Digest)) switch
        {
            (null, null) => "unknown",
            ({ } tag, null) => Code(tag),
            (null, { } digest) => Code(digest),
            ({ } tag, { } digest) => $"{Code(tag)} ({Code(digest)})",
        };

    private static string Links(DeliveryRun run, ServiceDeliveryView view)
    {
        var links = new List<string>();
        if (run.Ci.RunUrl is { } runUrl) links.Add($"[run]({runUrl})");
        if (run.Ci.CommitUrl is { } commitUrl) links.Add($"[commit]({commitUrl})");
        if (view.EnvironmentUrl is { } environment) links.Add($"[environment]({environment})");
        return links.Count == 0 ? "" : string.Join(" · ", links);
    }

    private static string Emoji(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Started => "🚀",
        DeliveryStatus.Succeeded => "✅",
        DeliveryStatus.Failed => "❌",
        DeliveryStatus.RolledBack => "↩️",
        DeliveryStatus.RollbackFailed => "🚨",
        _ => "⏹️",
    };

    /// <summary>A table cell cannot hold a pipe or a line break.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static string Code(string text) => $"`{Cell(text).Replace('`', '\'')}`";
}
