using LibGit2Sharp;

namespace Shipyard.Delivery.Versioning;

/// <summary>
/// Builds the run's <see cref="BuildVersion"/> from the git repository and, on GitHub Actions, the
/// <c>GITHUB_REF</c> / <c>GITHUB_SHA</c> / <c>GITHUB_RUN_ID</c> / <c>GITHUB_HEAD_REF</c> values the Pipeline passes in
/// (CI checkouts are detached, so the ref comes from the event, not from HEAD).
/// </summary>
public static class BuildVersionFactory
{
    /// <summary>Reads HEAD, its branch and the tags pointing at it; CI values win where given.</summary>
    /// <param name="repositoryPath">Any folder inside the work tree.</param>
    /// <param name="ci">CI variables (empty locally).</param>
    /// <param name="now">Build start time.</param>
    /// <param name="defaultBranch">The repository's default branch.</param>
    public static BuildVersion Create(string repositoryPath, IReadOnlyDictionary<string, string> ci, DateTimeOffset now, string defaultBranch = "main")
    {
        var root = Repository.Discover(repositoryPath)
            ?? throw new Shipyard.Engine.UsageException($"'{repositoryPath}' is not inside a git repository: the image tags come from the commit.");
        using var repo = new Repository(root);
        var head = repo.Head.Tip
            ?? throw new Shipyard.Engine.UsageException("The repository has no commit yet: commit before building images.");

        var sha = Value(ci, "GITHUB_SHA") ?? head.Sha;
        var reference = Value(ci, "GITHUB_REF");
        string? branch = repo.Info.IsHeadDetached ? null : repo.Head.FriendlyName;
        string? refTag = null;
        if (reference is not null)
        {
            branch = null;
            if (reference.StartsWith("refs/heads/", StringComparison.Ordinal)) branch = reference["refs/heads/".Length..];
            else if (reference.StartsWith("refs/tags/", StringComparison.Ordinal)) refTag = reference["refs/tags/".Length..];
            else if (reference.StartsWith("refs/pull/", StringComparison.Ordinal)) branch = Value(ci, "GITHUB_HEAD_REF");
        }

        var tags = repo.Tags.Where(t => (t.PeeledTarget as Commit)?.Sha == sha).Select(t => t.FriendlyName).ToList();
        if (refTag is not null && !tags.Contains(refTag)) tags.Insert(0, refTag);
        var commit = repo.Lookup<Commit>(sha);
        return new BuildVersion(sha, branch, refTag ?? tags.FirstOrDefault(), now, Value(ci, "GITHUB_RUN_ID"), defaultBranch)
        {
            Tags = tags,
            CommitTime = commit?.Committer.When.ToUniversalTime(),
        };
    }

    private static string? Value(IReadOnlyDictionary<string, string> ci, string key) =>
        ci.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
