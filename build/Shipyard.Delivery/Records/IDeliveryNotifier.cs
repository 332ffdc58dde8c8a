namespace Shipyard.Delivery.Records;

/// <summary>
/// Tells people what a run did, from the delivery records: called as each service's delivery moves on, and once
/// at the end of every run (success, failure, cancellation). Reports never change the build's result: a notifier's
/// failure is a warning.
/// </summary>
public interface IDeliveryNotifier
{
    /// <summary>A stage of <paramref name="record"/>'s service has recorded its outcome.</summary>
    Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>The run has ended; <paramref name="run"/> holds every service's final record.</summary>
    Task RunFinishedAsync(FinishedRun run, CancellationToken cancellationToken);
}
