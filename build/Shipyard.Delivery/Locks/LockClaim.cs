namespace Shipyard.Delivery.Locks;

/// <summary>What a store writes when this run takes or renews a lock.</summary>
/// <param name="Holder">This run's identity, e.g. <c>todo-api-1234</c>.</param>
/// <param name="Now">The time written as acquire/renew time.</param>
/// <param name="Ttl">Time to live without renewal.</param>
internal sealed record LockClaim(string Holder, DateTimeOffset Now, TimeSpan Ttl);
