using LibGit2Sharp;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// The repository's default branch, known rather than assumed, from one place for change detection and the tag
/// schemes (<c>latest</c> on the default branch): the CI event payload's <c>repository.default_branch</c>, else the
/// clone's <c>origin/HEAD</c>, else <see cref="Fallback"/>.
/// </summary>
public static class DefaultBranch
{
    /// <summary>The name assumed when neither the event nor the clone says (git's and GitHub's default).</summary>
    public const string Fallback = "main";

    /// <summary>Resolves the default branch.</summary>
    /// <param name="repositoryPath">Any folder inside the work tree (a folder outside a repository falls through).</param>
    /// <param name="environment">CI variables (<c>GITHUB_EVENT_NAME</c>, <c>GITHUB_EVENT_PATH</c>); empty locally.</param>
    /// <param name="remote">The remote whose <c>HEAD</c> names the default branch.</param>
    public static string Resolve(string repositoryPath, IReadOnlyDictionary<string, string> environment, string remote = "origin")
    {
        var fromEvent = GitHubEventReader.FromEnvironment(environment, defaultBranch: "").DefaultBranch;
        if (fromEvent.Length > 0) return fromEvent;
        return FromRemoteHead(repositoryPath, remote) ?? Fallback;
    }

    /// <summary><c>refs/remotes/origin/HEAD</c> → <c>refs/remotes/origin/trunk</c> → <c>trunk</c>; null when not set.</summary>
    private static string? FromRemoteHead(string repositoryPath, string remote)
    {
        if (Repository.Discover(repositoryPath) is not { } root) return null;
        using var repo = new Repository(root);
        var prefix = $"refs/remotes/{remote}/";
        return repo.Refs[prefix + "HEAD"] is SymbolicReference { TargetIdentifier: { } target } && target.StartsWith(prefix, StringComparison.Ordinal)
            ? target[prefix.Length..]
            : null;
    }
}
