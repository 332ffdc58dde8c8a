namespace Shipyard.Delivery.Ssm;

/// <summary>Test seams inside a deploy: what a test checks while the bucket still exists.</summary>
internal sealed record SsmHooks
{
    /// <summary>Called after both objects are uploaded, before SendCommand, with the bucket name.</summary>
    public Func<string, CancellationToken, Task>? AfterUpload { get; init; }
}
