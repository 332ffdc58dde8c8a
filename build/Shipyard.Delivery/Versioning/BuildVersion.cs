namespace Shipyard.Delivery.Versioning;

/// <summary>
/// What is being built in this run: the input of every tag scheme and commit message.
/// </summary>
/// <param name="Sha">Full commit SHA of the head.</param>
/// <param name="Branch">Branch name when building a branch (null on a detached tag build).</param>
/// <param name="Tag">Git tag when building a tag ref (e.g. <c>v1.2.3</c> or <c>todo-api/v1.2.3</c>).</param>
/// <param name="Timestamp">When the build started (UTC).</param>
/// <param name="RunId">CI run identifier, if any.</param>
/// <param name="DefaultBranch">The repository's default branch (for "latest on default branch" rules).</param>
public sealed record BuildVersion(string Sha, string? Branch, string? Tag, DateTimeOffset Timestamp, string? RunId, string DefaultBranch = Changes.DefaultBranch.Fallback)
{
    /// <summary>The 7-character short SHA: the default image tag, the version GitOps deploys.</summary>
    public string ShortSha => Sha.Length >= 7 ? Sha[..7] : Sha;

    /// <summary>
    /// Every tag pointing at the head (a monorepo release commit can carry <c>todo-api/v1.2.3</c> and
    /// <c>todo-web/v0.4.0</c> at once); <see cref="Tag"/> is the one the CI ref named, if any.
    /// </summary>
    public IReadOnlyList<string> Tags { get; init; } = Tag is null ? [] : [Tag];

    /// <summary>
    /// When the head commit was made. Used for <c>org.opencontainers.image.created</c> so that rebuilding the
    /// same commit gives the same image (and a second Push uploads nothing); null when unknown.
    /// </summary>
    public DateTimeOffset? CommitTime { get; init; }

    /// <summary>
    /// Which rule gave the release version, for the Build summary: <c>version from the CI event: tag v1.2.3</c>,
    /// <c>release tag on HEAD: v1.2.3</c>, or why there is none (a branch push, no release tag on HEAD).
    /// </summary>
    public string Rule { get; init; } = "no release version";
}
