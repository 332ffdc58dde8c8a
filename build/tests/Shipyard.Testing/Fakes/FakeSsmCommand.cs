namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>A SendCommand request as <see cref="FakeSsmApi"/> received it.</summary>
public sealed record FakeSsmCommand(
    string CommandId, string DocumentName, IReadOnlyList<string> InstanceIds, IReadOnlyList<string> Commands,
    string? ExecutionTimeout, string? OutputS3BucketName, string? OutputS3KeyPrefix, int? TimeoutSeconds, string? Comment);
