namespace Shipyard.Delivery.Records;

/// <summary>
/// Runs every notifier, each isolated: one that throws or hangs past <see cref="Timeout"/> becomes a warning on the
/// log, and the others still run. Never throws.
/// </summary>
public sealed class DeliveryNotifiers(IReadOnlyList<IDeliveryNotifier> notifiers, TextWriter log)
{
    /// <summary>How long one notifier call may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tells every notifier that a service's record changed.</summary>
    public Task ServiceUpdatedAsync(DeliveryRecord record) => EachAsync((n, ct) => n.ServiceUpdatedAsync(record, ct));

    /// <summary>Tells every notifier that the run ended.</summary>
    public Task RunFinishedAsync(FinishedRun run) => EachAsync((n, ct) => n.RunFinishedAsync(run, ct));

    private Task EachAsync(Func<IDeliveryNotifier, CancellationToken, Task> call) => Task.WhenAll(notifiers.Select(async n =>
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await call(n, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception e)
        {
            var why = e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : $"{e.GetType().Name}: {e.Message}";
            lock (log) log.WriteLine($"warning: notifier {n.GetType().Name} failed ({why.ReplaceLineEndings(" ")}); the build result is unchanged");
        }
    }));
}
