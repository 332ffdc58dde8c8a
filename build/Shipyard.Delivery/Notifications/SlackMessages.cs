using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// The Block Kit views of a delivery: the parent message (edited in place as the deploy moves on) and the thread
/// replies with the details. Pure: the same view and time give the same JSON.
/// </summary>
internal static class SlackMessages
{
    /// <summary>
    /// How bodies go on the wire: escaping only what JSON requires, so a secret is masked in the text it would be sent
    /// as (the default encoder would write <c>+</c> or <c>&lt;</c> in a secret as <c>\u002B</c>, past the masker).
    /// </summary>
    public static JsonSerializerOptions Wire { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The parent message: header, the fields, the error when there is one, links. Includes the <c>text</c> fallback.</summary>
    public static JsonObject Parent(DeliveryRun run, ServiceDeliveryView view, DateTimeOffset now)
    {
        var headline = $"{Emoji(view.Status)} {DeliveryText.Headline(view, run.Environment)}";
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(DeliveryText.Cut(headline, 150)) },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(
                    Field("Service", Escape(view.Service)),
                    Field("Version", Version(view)),
                    Field("Strategy", Escape(view.Strategy ?? "build only")),
                    Field("Environment", Escape(run.Environment)),
                    Field("Duration", view.Status == DeliveryStatus.Started ? "running" : DeliveryText.Duration(view.Duration)),
                    Field("Status", DeliveryText.Word(view.Status))),
            },
        };
        if (view.Error is not null) blocks.Add(Section(ErrorText(view)));
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(Links(run, now, view.Status))) });
        return new JsonObject { ["text"] = headline, ["blocks"] = blocks };
    }

    /// <summary>The thread reply listing each stage with its status, duration and note.</summary>
    public static JsonObject Stages(ServiceDeliveryView view)
    {
        var lines = view.Stages.Select(s =>
            $"{StageEmoji(s.Status)} *{Escape(s.Name)}* {s.Status} in {DeliveryText.Duration(s.Duration)}" +
            (s.Note is null ? "" : $" · {Escape(DeliveryText.OneLine(s.Note, 200))}"));
        var text = DeliveryText.Cut($"*Stages of {Escape(view.Service)}*\n" + string.Join('\n', lines), 3000);
        return new JsonObject { ["text"] = $"Stages of {view.Service}", ["blocks"] = new JsonArray(Section(text)) };
    }

    /// <summary>The thread reply with the error, the rollback and the deploy receipts; null when there is nothing to say.</summary>
    public static JsonObject? Details(ServiceDeliveryView view)
    {
        var blocks = DetailBlocks(view);
        return blocks.Count == 0 ? null : new JsonObject { ["text"] = $"Details of {view.Service}", ["blocks"] = new JsonArray([.. blocks]) };
    }

    /// <summary>What an incoming webhook gets: the final parent with the details below it (no thread to put them in).</summary>
    public static JsonObject Final(DeliveryRun run, ServiceDeliveryView view, DateTimeOffset now)
    {
        var message = Parent(run, view, now);
        var blocks = message["blocks"]!.AsArray();
        var context = blocks[^1]!;
        blocks.RemoveAt(blocks.Count - 1);
        foreach (var block in DetailBlocks(view with { Error = null })) blocks.Add(block);
        blocks.Add(context);
        return message;
    }

    private static List<JsonObject> DetailBlocks(ServiceDeliveryView view)
    {
        var blocks = new List<JsonObject>();
        if (view.Error is not null) blocks.Add(Section(ErrorText(view)));
        var rollback = (view.Status, view.RollbackTarget) switch
        {
            (DeliveryStatus.RolledBack, { } to) => $"*Rolled back to* `{Escape(to)}`",
            (DeliveryStatus.RollbackFailed, { } to) => $"*Rollback to* `{Escape(to)}` *failed*: the environment may still run the bad version",
            (DeliveryStatus.RollbackFailed, null) => "*Rollback failed*: the environment may still run the bad version",
            _ => null,
        };
        if (rollback is not null) blocks.Add(Section(rollback));
        var receipts = new List<JsonObject>();
        if (view.ArgoCdRevision is { } revision) receipts.Add(Field("Argo CD revision", Code(revision)));
        if (view.GitOpsCommit is { } commit) receipts.Add(Field("GitOps commit", Code(commit)));
        if (view.SsmCommandId is { } command) receipts.Add(Field("SSM command", Code(command)));
        if (view.Digest is { } digest) receipts.Add(Field("Digest", Code(digest)));
        if (receipts.Count > 0) blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. receipts]) });
        return blocks;
    }

    private static string ErrorText(ServiceDeliveryView view) =>
        $"*Failed at {Escape(view.FailedStage ?? "an unknown stage")}*\n```{DeliveryText.Cut(Escape(view.Error!).Replace("```", "'''", StringComparison.Ordinal), 2800)}```";

    private static string Version(ServiceDeliveryView view) =>
        (view.VersionTag, DeliveryText.ShortDigest(view.Digest)) switch
        {
            (null, null) => "unknown",
            ({ } tag, null) => Code(tag),
            (null, { } digest) => Code(digest),
            ({ } tag, { } digest) => $"{Code(tag)} · {Code(digest)}",
        };

    private static string Links(DeliveryRun run, DateTimeOffset now, DeliveryStatus status)
    {
        var parts = new List<string>();
        if (run.Ci.RunUrl is { } runUrl) parts.Add($"<{runUrl}|Run {Escape(run.Ci.RunId!)}>");
        if (run.Ci.CommitUrl is { } commitUrl) parts.Add($"<{commitUrl}|Commit {Escape(run.Ci.ShortSha!)}>");
        else if (run.Ci.ShortSha is { } sha) parts.Add($"Commit {Escape(sha)}");
        if (run.Ci.Actor is { } actor) parts.Add($"by {Escape(actor)}");
        var unix = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var at = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        // Slack renders <!date> in each reader's time zone; the text after | is the fallback.
        parts.Add($"{(status == DeliveryStatus.Started ? "started" : "finished")} <!date^{unix}^{{date_short_pretty}} {{time}}|{at} UTC>");
        return string.Join(" · ", parts);
    }

    private static string Emoji(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Started => ":rocket:",
        DeliveryStatus.Succeeded => ":white_check_mark:",
        DeliveryStatus.Failed => ":x:",
        DeliveryStatus.RolledBack => ":leftwards_arrow_with_hook:",
        DeliveryStatus.RollbackFailed => ":rotating_light:",
        _ => ":no_entry_sign:",
    };

    private static string StageEmoji(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => ":white_check_mark:",
        TargetStatus.Failed => ":x:",
        TargetStatus.Skipped => ":fast_forward:",
        _ => ":white_circle:",
    };

    private static string Code(string value) => $"`{Escape(value).Replace('`', '\'')}`";

    /// <summary>Slack's mrkdwn needs exactly these three escaped; everything else is literal.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Field(string name, string value) => Markdown($"*{name}*\n{value}");

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Markdown(text) };
}
