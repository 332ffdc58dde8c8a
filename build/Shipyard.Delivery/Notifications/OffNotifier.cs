namespace Shipyard.Delivery.Notifications;

/// <summary>A notifier that is not configured: it says so once, with the reason, and does nothing else.</summary>
internal sealed class OffNotifier(string name, string reason, TextWriter log) : INotifier
{
    private int _said;

    /// <inheritdoc />
    public Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) => SayOnceAsync();

    /// <inheritdoc />
    public Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) => SayOnceAsync();

    /// <inheritdoc />
    public Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken) => SayOnceAsync();

    private Task SayOnceAsync() =>
        Interlocked.Exchange(ref _said, 1) == 0 ? log.WriteLineAsync($"{name} are off: {reason}") : Task.CompletedTask;
}
