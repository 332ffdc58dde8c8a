namespace Shipyard.Delivery.Notifications;

/// <summary>What came back from one Slack request after retries: the final HTTP answer, or why there was none worth reading.</summary>
/// <param name="Status">The final HTTP status (0 when no answer came).</param>
/// <param name="Body">The final body text.</param>
/// <param name="Failure">Why the request gave up (rate limit budget spent, 5xx, timeout, network), or null.</param>
internal sealed record SlackResponse(int Status, string Body, string? Failure);
