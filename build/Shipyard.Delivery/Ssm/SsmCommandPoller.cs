using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Waits for one command invocation with GetCommandInvocation: backoff between polls, an overall deadline,
/// InvocationDoesNotExist right after sending counted as pending within the grace period, and a progress line whenever
/// the status changes or half a minute passed. At the deadline, and on cancellation, the command is cancelled on the host.
/// </summary>
internal sealed class SsmCommandPoller(IAmazonSimpleSystemsManagement ssm, SsmSettings settings, TextWriter log, TimeProvider time)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    public async Task<SsmCommandResult> WaitAsync(string commandId, string instanceId, string what, TimeSpan deadline, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var interval = settings.PollInitialInterval;
        var reported = "";
        var lastReport = started;
        try
        {
            while (true)
            {
                var (status, invocation) = await PollAsync(commandId, instanceId, time.GetElapsedTime(started), ct);
                var elapsed = time.GetElapsedTime(started);
                if (SsmStatus.Classify(status) != SsmPhase.Waiting || status == SsmStatus.NeverRegistered)
                    return Result(commandId, instanceId, status, invocation, elapsed);
                if (status != reported || time.GetElapsedTime(lastReport) >= ProgressEvery)
                {
                    await log.WriteLineAsync($"ssm: {what}: command {commandId} on {instanceId} {status} after {elapsed.TotalSeconds:0}s (deadline {deadline.TotalSeconds:0}s)");
                    (reported, lastReport) = (status, time.GetTimestamp());
                }
                if (elapsed >= deadline)
                {
                    await CancelAsync(commandId, instanceId);
                    return Result(commandId, instanceId, SsmStatus.DeadlineExceeded, invocation, elapsed);
                }
                var wait = interval < deadline - elapsed ? interval : deadline - elapsed;
                await Task.Delay(wait, time, ct);
                interval = TimeSpan.FromTicks(Math.Min(settings.PollMaxInterval.Ticks, (long)(interval.Ticks * settings.PollBackoff)));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C: the host should not go on deploying what nobody waits for any more.
            await CancelAsync(commandId, instanceId);
            throw;
        }
    }

    private async Task<(string Status, GetCommandInvocationResponse? Invocation)> PollAsync(
        string commandId, string instanceId, TimeSpan elapsed, CancellationToken ct)
    {
        try
        {
            var invocation = await ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId }, ct);
            return (invocation.Status?.Value ?? "Pending", invocation);
        }
        catch (InvocationDoesNotExistException)
        {
            // SSM registers the invocation a moment after SendCommand returns.
            return (elapsed < settings.InvocationGrace ? "Pending" : SsmStatus.NeverRegistered, null);
        }
    }

    private async Task CancelAsync(string commandId, string instanceId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = commandId, InstanceIds = [instanceId] }, timeout.Token);
            await log.WriteLineAsync($"ssm: cancelled command {commandId} on {instanceId}");
        }
        catch (Exception e) when (e is AmazonSimpleSystemsManagementException or OperationCanceledException or HttpRequestException)
        {
            await log.WriteLineAsync($"ssm: warning: could not cancel command {commandId} on {instanceId}: {e.Message}");
        }
    }

    private static SsmCommandResult Result(string commandId, string instanceId, string status, GetCommandInvocationResponse? invocation, TimeSpan elapsed) =>
        new(commandId, instanceId, status, invocation?.ResponseCode ?? -1,
            invocation?.StandardOutputContent ?? "", invocation?.StandardErrorContent ?? "", elapsed);
}
