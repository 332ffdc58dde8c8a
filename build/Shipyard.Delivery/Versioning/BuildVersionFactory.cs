using LibGit2Sharp;
using Shipyard.Delivery.Changes;

namespace Shipyard.Delivery.Versioning;

/// <summary>
/// Builds the run's <see cref="BuildVersion"/>. On CI the event decides, as docker/metadata-action does: a branch push
/// is a branch push even when its commit carries a release tag, and a tag push releases that tag only, not another
/// tag on the same commit. Locally (no CI variables) a release tag on HEAD makes the release.
/// </summary>
public static class BuildVersionFactory
{
    /// <summary>Reads HEAD, its branch and the tags pointing at it; the CI event wins where there is one.</summary>
    /// <param name="repositoryPath">Any folder inside the work tree.</param>
    /// <param name="ci">
    /// CI variables (empty locally): <c>GITHUB_EVENT_NAME</c>, <c>GITHUB_REF</c>, <c>GITHUB_REF_TYPE</c>,
    /// <c>GITHUB_REF_NAME</c>, <c>GITHUB_HEAD_REF</c>, <c>GITHUB_SHA</c>, <c>GITHUB_RUN_ID</c>, <c>GITHUB_EVENT_PATH</c>.
    /// </param>
    /// <param name="now">Build start time.</param>
    /// <param name="defaultBranch">The repository's default branch (see <see cref="DefaultBranch.Resolve"/>).</param>
    public static BuildVersion Create(string repositoryPath, IReadOnlyDictionary<string, string> ci, DateTimeOffset now, string defaultBranch = DefaultBranch.Fallback)
    {
        var root = Repository.Discover(repositoryPath)
            ?? throw new Shipyard.Engine.UsageException($"'{repositoryPath}' is not inside a git repository: the image tags come from the commit.");
        using var repo = new Repository(root);
        var head = repo.Head.Tip
            ?? throw new Shipyard.Engine.UsageException("The repository has no commit yet: commit before building images.");

        var sha = Value(ci, "GITHUB_SHA") ?? head.Sha;
        var commit = repo.Lookup<Commit>(sha);
        var onCommit = repo.Tags.Where(t => (t.PeeledTarget as Commit)?.Sha == sha).Select(t => t.FriendlyName).ToList();
        var (branch, tag, tags, rule) = EventRef(ci) is { } reference
            ? FromEvent(reference, ci)
            : FromHead(repo.Info.IsHeadDetached ? null : repo.Head.FriendlyName, onCommit);
        return new BuildVersion(sha, branch, tag, now, Value(ci, "GITHUB_RUN_ID"), defaultBranch)
        {
            Tags = tags,
            CommitTime = commit?.Committer.When.ToUniversalTime(),
            Rule = rule,
        };
    }

    /// <summary>The ref the CI event names: <c>GITHUB_REF</c>, else the payload's <c>ref</c>, else <c>GITHUB_REF_TYPE</c> + <c>GITHUB_REF_NAME</c>.</summary>
    private static string? EventRef(IReadOnlyDictionary<string, string> ci)
    {
        if (Value(ci, "GITHUB_REF") is { } reference) return reference;
        if (Value(ci, "GITHUB_EVENT_NAME") is not null && GitHubEventReader.FromEnvironment(ci).Ref is { } fromPayload) return fromPayload;
        return (Value(ci, "GITHUB_REF_TYPE"), Value(ci, "GITHUB_REF_NAME")) switch
        {
            ("tag", { } name) => $"refs/tags/{name}",
            ("branch", { } name) => $"refs/heads/{name}",
            _ => null,
        };
    }

    private static (string? Branch, string? Tag, IReadOnlyList<string> Tags, string Rule) FromEvent(string reference, IReadOnlyDictionary<string, string> ci)
    {
        const string heads = "refs/heads/", tags = "refs/tags/", pulls = "refs/pull/";
        // GITHUB_REF_TYPE settles a ref GitHub reports by its short name.
        var isTag = reference.StartsWith(tags, StringComparison.Ordinal) || (Value(ci, "GITHUB_REF_TYPE") == "tag" && !reference.StartsWith("refs/", StringComparison.Ordinal));
        if (isTag)
        {
            var tag = reference.StartsWith(tags, StringComparison.Ordinal) ? reference[tags.Length..] : reference;
            return (null, tag, [tag], IsRelease(tag) ? $"version from the CI event: tag {tag}" : $"CI event: tag {tag}, not a release version");
        }
        var branch = reference.StartsWith(heads, StringComparison.Ordinal) ? reference[heads.Length..]
            : reference.StartsWith(pulls, StringComparison.Ordinal) ? Value(ci, "GITHUB_HEAD_REF")
            : reference.StartsWith("refs/", StringComparison.Ordinal) ? null
            : reference;
        var what = reference.StartsWith(pulls, StringComparison.Ordinal) ? "pull request" : "branch";
        return (branch, null, [], $"no release version: the CI event is a {what} push{(branch is null ? "" : $" ({branch})")}, not a tag");
    }

    private static (string? Branch, string? Tag, IReadOnlyList<string> Tags, string Rule) FromHead(string? branch, List<string> onCommit)
    {
        var releases = onCommit.Where(IsRelease).ToList();
        return (branch, onCommit.FirstOrDefault(), onCommit,
            releases.Count > 0 ? $"release tag on HEAD: {string.Join(", ", releases)}" : "no release version: no release tag on HEAD");
    }

    /// <summary><c>v1.2.3</c>, <c>1.2.3</c> or <c>service/v1.2.3</c>.</summary>
    private static bool IsRelease(string tag) =>
        ReleaseTags.VersionOf(tag, tag.Contains('/') ? tag[..tag.LastIndexOf('/')] : "") is not null;

    private static string? Value(IReadOnlyDictionary<string, string> ci, string key) =>
        ci.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
