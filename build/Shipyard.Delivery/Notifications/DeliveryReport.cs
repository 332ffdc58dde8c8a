namespace Shipyard.Delivery.Notifications;

/// <summary>The whole run at its end (success, failure, rollback or cancellation), as notifiers read it.</summary>
/// <param name="Run">Environment and CI run.</param>
/// <param name="Status">The run's overall outcome.</param>
/// <param name="Duration">The run's duration.</param>
/// <param name="Services">Every service the run built or deployed, in catalog order.</param>
public sealed record DeliveryReport(DeliveryRun Run, DeliveryStatus Status, TimeSpan Duration, IReadOnlyList<ServiceDeliveryView> Services);
