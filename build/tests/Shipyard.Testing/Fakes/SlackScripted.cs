namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>A scripted answer of <see cref="FakeSlackApi"/> instead of its normal handling: status, body, an optional Retry-After and a delay before answering.</summary>
public sealed record SlackScripted(int Status, string Body, string? RetryAfter = null, TimeSpan Delay = default)
{
    /// <summary>Slack's way of refusing: HTTP 200 with <c>ok:false</c>.</summary>
    public static SlackScripted NotOk(string error) => new(200, $$"""{"ok":false,"error":"{{error}}"}""");
}
