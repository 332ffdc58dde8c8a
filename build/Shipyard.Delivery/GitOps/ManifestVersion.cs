namespace Shipyard.Delivery.GitOps;

/// <summary>One content of a manifest in the GitOps repository's history.</summary>
/// <param name="Commit">The commit that introduced this content.</param>
/// <param name="When">When that commit was made.</param>
/// <param name="Text">The file's content from that commit on.</param>
/// <param name="Message">That commit's message (trailers included).</param>
public sealed record ManifestVersion(string Commit, DateTimeOffset When, string Text, string Message);
