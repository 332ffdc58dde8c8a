namespace Shipyard.Delivery.Ssm;

/// <summary>The end of one SSM command on one instance.</summary>
/// <param name="CommandId">SSM command id.</param>
/// <param name="InstanceId">Instance it ran on.</param>
/// <param name="Status">Final status (<c>Success</c>, <c>Failed</c>, …, or <c>DeadlineExceeded</c> when we stopped waiting).</param>
/// <param name="ResponseCode">The script's exit code (-1 when unknown).</param>
/// <param name="StandardOutput">Inline standard output (SSM truncates it at 24,000 characters).</param>
/// <param name="StandardError">Inline standard error (truncated at 8,000 characters).</param>
/// <param name="Duration">From SendCommand to the last poll.</param>
public sealed record SsmCommandResult(
    string CommandId, string InstanceId, string Status, int ResponseCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>True when the command ended with <c>Success</c>.</summary>
    public bool Succeeded => Status == "Success";
}
