namespace Shipyard.Delivery.Changes;

/// <summary>The revision changes are counted from, and why it was chosen.</summary>
/// <param name="Sha">Full commit SHA; null means "everything counts as changed" (no usable base).</param>
/// <param name="Reason">Short explanation for the table, e.g. <c>push: before</c> or <c>deployed (newTag in deploy/...)</c>.</param>
public sealed record BaseChoice(string? Sha, string Reason)
{
    /// <summary>No base: every service is built and deployed.</summary>
    public static BaseChoice Everything(string reason) => new(null, reason);

    /// <summary>The first 7 characters of the SHA, or "-" for everything.</summary>
    public string Short => Sha is null ? "-" : Sha[..Math.Min(7, Sha.Length)];
}
