namespace Shipyard.Delivery.GitOps;

/// <summary>One edit of one file in the GitOps repository, re-applied from scratch on every push attempt.</summary>
/// <param name="Path">Repository-relative path of the file (forward slashes).</param>
/// <param name="Edit">Computes the new content from the current content and the path (for error messages).</param>
/// <param name="Message">Commit message, trailers included.</param>
public sealed record GitOpsChange(string Path, Func<string, string, ManifestEditResult> Edit, string Message);
