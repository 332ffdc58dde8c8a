namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>One request to <see cref="FakeGitHubApi"/>: method, path, bearer token, and the variable value written (if any).</summary>
public sealed record GitHubCall(string Method, string Path, string Token, string? Value);
