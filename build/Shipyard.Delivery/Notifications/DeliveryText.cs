using System.Globalization;

namespace Shipyard.Delivery.Notifications;

/// <summary>The words every view shares (Slack, GitHub, step summary), so a deploy reads the same everywhere.</summary>
internal static class DeliveryText
{
    /// <summary><c>m:ss</c>, like the build summary.</summary>
    public static string Duration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}:{duration.Seconds:00}");

    /// <summary>The first 12 hex characters of a digest (what registries' UIs show), without the algorithm.</summary>
    public static string? ShortDigest(string? digest) =>
        digest is null ? null : (digest.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? digest[(i + 1)..] : digest) is var hex
            ? hex[..Math.Min(12, hex.Length)] : null;

    /// <summary><c>1.4.2 (abcdef123456)</c>, or what of it is known.</summary>
    public static string Version(ServiceDeliveryView view) => (view.VersionTag, ShortDigest(view.Digest)) switch
    {
        (null, null) => "unknown",
        ({ } tag, null) => tag,
        (null, { } digest) => digest,
        ({ } tag, { } digest) => $"{tag} ({digest})",
    };

    public static string Word(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Started => "In progress",
        DeliveryStatus.Succeeded => "Succeeded",
        DeliveryStatus.Failed => "Failed",
        DeliveryStatus.RolledBack => "Rolled back",
        DeliveryStatus.RollbackFailed => "Rollback failed",
        _ => "Cancelled",
    };

    /// <summary>One sentence saying what happened, e.g. <c>todo-api 1.4.2 failed at Verify, rolled back to 1.4.1</c>.</summary>
    public static string Headline(ServiceDeliveryView view, string environment)
    {
        var subject = view.VersionTag is null ? view.Service : $"{view.Service} {view.VersionTag}";
        var failed = view.FailedStage is null ? "failed" : $"failed at {view.FailedStage}";
        var target = view.RollbackTarget ?? "the previous version";
        return view.Status switch
        {
            DeliveryStatus.Started => $"{subject} deploying to {environment}",
            DeliveryStatus.Succeeded when view.Strategy is null => $"{subject} built",
            DeliveryStatus.Succeeded => $"{subject} deploy to {environment} succeeded",
            DeliveryStatus.Failed => $"{subject} {failed}",
            DeliveryStatus.RolledBack => $"{subject} {failed}, rolled back to {target}",
            DeliveryStatus.RollbackFailed => $"{subject} {failed}, rollback to {target} failed",
            _ => $"{subject} cancelled",
        };
    }

    /// <summary>The first line of <paramref name="text"/>, at most <paramref name="max"/> characters (an ellipsis marks a cut).</summary>
    public static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    /// <summary>At most <paramref name="max"/> characters (an ellipsis marks a cut).</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
