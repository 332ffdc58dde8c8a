namespace Shipyard.Delivery.Verify;

/// <summary>
/// The verdict over snapshots read on an interval from any source — e.g. <c>kubectl get -o json</c> run on a K3s host
/// through SSM, where no watch is possible. Same verdict, same outcomes as the API watch; logs are not available.
/// </summary>
internal sealed class PollingRolloutVerifier(Func<CancellationToken, Task<RolloutSnapshot>> source, TimeSpan interval, TimeProvider time, HttpClient http)
    : IRolloutVerifier
{
    private const string Source = "polling";

    /// <inheritdoc />
    public async Task<VerifyOutcome> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        if (request.Timeout <= TimeSpan.Zero) throw new Shipyard.Engine.UsageException($"the verify timeout must be positive, got {request.Timeout}");
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var progress = new ProgressLines(request);
        RolloutState? last = null;
        RolloutSnapshot? snapshot = null;
        try
        {
            while (true)
            {
                snapshot = await source(linked.Token);
                last = RolloutVerdict.Of(snapshot, request.Expected);
                await progress.ReportAsync(last);
                if (last.Phase == RolloutPhase.Failed)
                    return VerifyOutcomes.Failure(Source, Elapsed(), request, last.Message, last.Pod, [], VerifyOutcomes.EventLines(snapshot), last.RunningImage);
                if (last.Phase == RolloutPhase.Done)
                {
                    if (request.HealthUrl is { } url && await new HealthCheck(http, time).WaitAsync(url, request.Log, linked.Token) is { } unhealthy)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        return VerifyOutcomes.Failure(Source, Elapsed(), request, unhealthy, running: last.RunningImage);
                    }
                    return VerifyOutcomes.Success(Source, Elapsed(), snapshot, request, last.RunningImage);
                }
                await Task.Delay(interval, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return VerifyOutcomes.Failure(Source, Elapsed(), request, VerifyOutcomes.TimedOut(request, last), last?.Pod, [],
                snapshot is null ? [] : VerifyOutcomes.EventLines(snapshot), last?.RunningImage);
        }

        TimeSpan Elapsed() => time.GetElapsedTime(started);
    }
}
