namespace Shipyard.Delivery.Ssm;

/// <summary>The instance commands are sent to.</summary>
/// <param name="InstanceId">EC2 instance id, e.g. <c>i-0abc…</c>.</param>
/// <param name="Name">Its Name tag, if any.</param>
/// <param name="LaunchTime">When it was launched (the tie-breaker among several matches).</param>
/// <param name="Region">AWS region.</param>
/// <param name="Matches">How many running instances matched the filter.</param>
public sealed record SsmTarget(string InstanceId, string? Name, DateTimeOffset? LaunchTime, string Region, int Matches);
