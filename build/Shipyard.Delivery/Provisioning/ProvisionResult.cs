namespace Shipyard.Delivery.Provisioning;

/// <summary>What provisioning did.</summary>
/// <param name="Installed">What it installed in this run (empty when everything was there).</param>
/// <param name="FromStamp">True when the stamp showed the same set was checked before and nothing changed since: no command ran.</param>
public sealed record ProvisionResult(IReadOnlyList<Prerequisite> Installed, bool FromStamp);
