namespace Shipyard.Delivery.Locks;

/// <summary>
/// The state of one lock as a store read or wrote it. <see cref="Version"/> is what the store compares on the next
/// write (a resourceVersion, a ref OID, a variable's value and timestamp).
/// </summary>
/// <param name="Holder">Who holds it; null or empty when the lock exists but is free.</param>
/// <param name="RenewedAt">When the holder last renewed it (the holder's clock).</param>
/// <param name="Ttl">How long after <paramref name="RenewedAt"/> the lock counts as abandoned.</param>
/// <param name="Version">Opaque compare-and-swap value for the next write.</param>
/// <param name="FencingToken">Token of this holding (lease transitions, ref OID ...).</param>
/// <param name="AcquiredAt">When the current holder took it, where the store records that.</param>
internal sealed record LockRecord(
    string? Holder, DateTimeOffset RenewedAt, TimeSpan Ttl, string Version, string FencingToken, DateTimeOffset? AcquiredAt = null)
{
    /// <summary>No one holds the lock.</summary>
    public bool IsFree => string.IsNullOrEmpty(Holder);

    /// <summary>When the lock counts as abandoned unless renewed.</summary>
    public DateTimeOffset ExpiresAt => RenewedAt + Ttl;
}
