using System.Collections.Concurrent;

namespace Shipyard.Delivery.Records;

/// <summary>
/// The delivery records of one run, per service. Stages run per service in parallel, so each update is a
/// compare-and-swap of the service's immutable record.
/// </summary>
public sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<string, DeliveryRecord> _records = new(StringComparer.Ordinal);

    /// <summary>The service's record (an empty one when no stage has recorded anything yet).</summary>
    public DeliveryRecord this[string service] => _records.TryGetValue(service, out var r) ? r : new DeliveryRecord(service);

    /// <summary>Every record, by service name.</summary>
    public IReadOnlyList<DeliveryRecord> All => [.. _records.Values.OrderBy(r => r.Service, StringComparer.Ordinal)];

    /// <summary>Applies <paramref name="change"/> to the service's record and returns the new record.</summary>
    public DeliveryRecord Update(string service, Func<DeliveryRecord, DeliveryRecord> change) =>
        _records.AddOrUpdate(service, s => change(new DeliveryRecord(s)), (_, r) => change(r));
}
