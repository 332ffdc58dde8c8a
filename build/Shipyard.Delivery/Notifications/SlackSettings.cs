namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Where Slack notifications go. A bot token posts with <c>chat.postMessage</c> and updates in place with
/// <c>chat.update</c>; an incoming webhook can only post (one final message per service). Neither set → off.
/// </summary>
public sealed record SlackSettings
{
    /// <summary>Bot token (<c>xoxb-…</c>, scope <c>chat:write</c>); a secret.</summary>
    public string? BotToken { get; init; }

    /// <summary>Channel name or id for the bot token mode.</summary>
    public string Channel { get; init; } = "#builds";

    /// <summary>Incoming-webhook URL; a secret (the URL is the credential).</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>The Web API root (a test server, or a proxy).</summary>
    public Uri ApiUrl { get; init; } = new("https://slack.com/api/");

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per message, first included (5xx, timeouts, 429).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The most one message may wait in total between attempts (Retry-After and back-off together).</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Back-off after a 5xx or timeout, multiplied by the attempt number.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
