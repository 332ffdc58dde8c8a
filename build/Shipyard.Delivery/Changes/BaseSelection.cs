namespace Shipyard.Delivery.Changes;

/// <summary>The outcome of base selection: the head commit, the event's base, and each service's bases.</summary>
/// <param name="Head">Full SHA of the head.</param>
/// <param name="EventBase">The base from the explicit revision or the event.</param>
/// <param name="Services">Per service, the bases its rules are evaluated against.</param>
public sealed record BaseSelection(string Head, BaseChoice EventBase, IReadOnlyList<ServiceBase> Services);
