namespace Shipyard.Delivery.GitOps;

/// <summary>What a write to the GitOps repository did.</summary>
/// <param name="Commit">SHA of the pushed commit, or null when the file already had the content (nothing committed).</param>
/// <param name="Head">The branch tip after the write: the pushed commit, or the tip that already had the content.</param>
/// <param name="Edit">The edit as applied to the tip that was finally pushed (its <c>Previous</c> is the version replaced).</param>
/// <param name="Attempts">Pushes this writer made: to the branch, of its waiting ticket, or as the front of the hand-off (1 when nobody raced).</param>
public sealed record GitOpsWriteResult(string? Commit, string Head, ManifestEditResult Edit, int Attempts);
