namespace Shipyard.Delivery.Ssm;

/// <summary>What an SSM deploy did: the receipt the delivery record keeps, also when the command failed.</summary>
/// <param name="InstanceId">Instance the command ran on.</param>
/// <param name="CommandId">SSM command id.</param>
/// <param name="BucketName">The temporary bucket (deleted by the time this is returned).</param>
/// <param name="Region">AWS region.</param>
/// <param name="Status">Last invocation status (<c>Success</c>, <c>Failed</c>, <c>TimedOut</c>, …, or <c>DeadlineExceeded</c>/<c>Cancelled</c> when we stopped waiting).</param>
/// <param name="Duration">From SendCommand to the last poll.</param>
/// <param name="OutputTail">The last lines of the command's standard output and error.</param>
/// <param name="BucketDeleted">False when the cleanup could not delete the bucket (the sweep will).</param>
public sealed record SsmDeployment(
    string InstanceId, string CommandId, string BucketName, string Region, string Status, TimeSpan Duration, string OutputTail, bool BucketDeleted = true);
