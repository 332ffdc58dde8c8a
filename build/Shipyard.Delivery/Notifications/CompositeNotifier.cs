namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Several notifiers as one: each gets every call, at the same time, and one that throws (they should not) is reported
/// as a warning without keeping the others from running.
/// </summary>
internal sealed class CompositeNotifier(IReadOnlyList<INotifier> notifiers, NotifierLog log) : INotifier
{
    /// <inheritdoc />
    public Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) =>
        AllAsync(n => n.StartedAsync(run, service, cancellationToken));

    /// <inheritdoc />
    public Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) =>
        AllAsync(n => n.UpdatedAsync(run, service, cancellationToken));

    /// <inheritdoc />
    public Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken) =>
        AllAsync(n => n.FinishedAsync(report, cancellationToken));

    private Task AllAsync(Func<INotifier, Task> call) => Task.WhenAll(notifiers.Select(async notifier =>
    {
        try
        {
            await call(notifier);
        }
        catch (Exception e)
        {
            log.Warning($"{notifier.GetType().Name} failed: {e.GetType().Name}: {e.Message}; the other notifiers still ran.");
        }
    }));
}
