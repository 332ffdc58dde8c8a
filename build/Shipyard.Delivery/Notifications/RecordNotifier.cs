using Shipyard.Delivery.Records;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Feeds a notifier from the delivery records: the first outcome a service records starts its message, later ones
/// update it in place, and the end of the run sends the report. Only services that got as far as a deploy, or a
/// build, are announced.
/// </summary>
public sealed class RecordNotifier(INotifier notifier, DeliveryRun run) : IDeliveryNotifier
{
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        bool first;
        lock (_started) first = _started.Add(record.Service);
        var view = DeliveryViews.Of(record, finished: false);
        return first ? notifier.StartedAsync(run, view, cancellationToken) : notifier.UpdatedAsync(run, view, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RunFinishedAsync(FinishedRun finished, CancellationToken cancellationToken)
    {
        var views = finished.Services.Select(r => DeliveryViews.Of(r, finished: true, finished.Cancelled)).ToList();
        var status = finished.Cancelled ? DeliveryStatus.Cancelled
            : views.Any(v => v.Status is DeliveryStatus.Failed or DeliveryStatus.RollbackFailed) ? DeliveryStatus.Failed
            : views.Any(v => v.Status == DeliveryStatus.RolledBack) ? DeliveryStatus.RolledBack
            : finished.ExitCode == 0 ? DeliveryStatus.Succeeded : DeliveryStatus.Failed;
        return notifier.FinishedAsync(new DeliveryReport(run, status, finished.Duration, views), cancellationToken);
    }
}
