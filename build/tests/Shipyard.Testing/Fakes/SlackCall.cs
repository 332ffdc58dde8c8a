namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>One request to <see cref="FakeSlackApi"/>: path (<c>/api/chat.update</c>, <c>/services/…</c>), the Authorization header, and the raw body.</summary>
public sealed record SlackCall(string Path, string Authorization, string Body);
