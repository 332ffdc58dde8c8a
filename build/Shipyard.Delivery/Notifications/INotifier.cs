namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Tells people about deliveries. The sequence per run: <see cref="StartedAsync"/> when a service's deploy begins
/// (Slack posts its parent message, GitHub creates the deployment), <see cref="UpdatedAsync"/> when its state changes
/// before the end (e.g. Verify failed, rollback begins), and <see cref="FinishedAsync"/> once with the whole report
/// (final states in place, details in the thread, final deployment statuses). A service seen first in the report, such
/// as a build with no deploy, gets its one message then. Implementations never throw for their own failures (an
/// outage, a bad token): they write a warning and the build's result stays what it was.
/// </summary>
public interface INotifier
{
    /// <summary>A service's deploy has begun.</summary>
    Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken);

    /// <summary>A service's state changed before the run ended (shown in place, nothing new is posted).</summary>
    Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken);

    /// <summary>
    /// The run ended. Called for every outcome, Ctrl-C included: pass a fresh token with a deadline rather than the
    /// run's cancelled one, so the final state still gets out.
    /// </summary>
    Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken);
}
