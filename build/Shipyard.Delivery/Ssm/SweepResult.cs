namespace Shipyard.Delivery.Ssm;

/// <summary>What a sweep of stale buckets did.</summary>
/// <param name="Swept">Buckets deleted (with every object).</param>
/// <param name="Failed">Buckets that could not be deleted, with the reason; a warning, never a failed deploy.</param>
public sealed record SweepResult(IReadOnlyList<string> Swept, IReadOnlyList<string> Failed)
{
    /// <summary>One line for the log, e.g. <c>swept 1 stale bucket: k3s-deploy-…</c>.</summary>
    public string Describe() =>
        (Swept.Count == 0 ? "no stale SSM deploy buckets" : $"swept {Swept.Count} stale SSM deploy bucket(s): {string.Join(", ", Swept)}")
        + (Failed.Count == 0 ? "" : $"; could not sweep {string.Join("; ", Failed)}");
}
