using LibGit2Sharp;
using Semver;
using Shipyard.Engine;

namespace Shipyard.Delivery.Versioning;

/// <summary>
/// Bump for one service: finds its last release tag reachable from HEAD, reads the conventional commits since
/// then that touch the service's paths, and creates and pushes the next annotated release tag.
/// The push authenticates with a token through LibGit2Sharp's credentials callback: the token is never
/// written to <c>.git/config</c>, a remote URL or the log.
/// </summary>
public sealed class ServiceReleaser(string repositoryPath, TimeProvider time)
{
    /// <summary>The first version when a service has no release yet (semantic-release's convention).</summary>
    public static readonly SemVersion FirstRelease = new(1, 0, 0);

    /// <summary>Decides the next version of <paramref name="service"/> without changing anything.</summary>
    /// <param name="service">Service name (the tag prefix in a monorepo).</param>
    /// <param name="paths">Repository-relative folders/files of the service (its folder plus its dependencies).</param>
    /// <param name="monorepo">
    /// True: only <c>service/vX.Y.Z</c> tags count and are created. False (one service): <c>vX.Y.Z</c> tags, unless
    /// the service's last release used a <c>service/</c> tag, whose style is then kept.
    /// </param>
    /// <param name="force"><c>--bump</c>: release with this bump even without releasable commits.</param>
    public ReleasePlan Plan(string service, IReadOnlyList<string> paths, bool monorepo, BumpKind? force = null)
    {
        using var repo = Open();
        var head = repo.Head.Tip ?? throw new UsageException("The repository has no commit: nothing to release.");
        var last = repo.Tags
            .Select(t => (Tag: t, Version: ReleaseTags.VersionOf(t.FriendlyName, service), Commit: t.PeeledTarget as Commit))
            // A single-service repository may still use service tags; a monorepo never reads plain v-tags.
            .Where(t => t.Version is not null && t.Commit is not null
                && (t.Tag.FriendlyName.StartsWith(service + "/", StringComparison.Ordinal) || (!monorepo && !t.Tag.FriendlyName.Contains('/'))))
            .Where(t => t.Commit!.Sha == head.Sha || repo.ObjectDatabase.FindMergeBase(t.Commit, head)?.Sha == t.Commit!.Sha)
            .OrderByDescending(t => t.Version!, SemVersion.PrecedenceComparer)
            .FirstOrDefault();

        var filter = new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Topological };
        if (last.Commit is not null) filter.ExcludeReachableFrom = last.Commit;
        var touching = repo.Commits.QueryBy(filter).Where(c => Touches(repo, c, paths)).ToList();

        var kind = force is { } f and not BumpKind.None ? f : touching.Select(c => ConventionalCommit.Classify(c.Message)).DefaultIfEmpty(BumpKind.None).Max();
        var next = kind == BumpKind.None ? null : Next(last.Version, kind);
        return new ReleasePlan(service, last.Version, next, kind, [.. touching.Select(c => $"{c.Sha[..7]} {c.MessageShort}")])
        {
            // Keep the style of the last release; the first one follows the repository's shape.
            Tag = next is null ? null : ReleaseTags.Name(
                (last.Tag is null ? monorepo : last.Tag.FriendlyName.Contains('/')) ? service : null, next),
        };
    }

    /// <summary>
    /// Creates the plan's annotated tag at HEAD and pushes it to <paramref name="remoteName"/>; a missing remote is
    /// refused before tagging, and a tag whose push fails is deleted again.
    /// </summary>
    /// <param name="plan">A plan with a next version.</param>
    /// <param name="remoteName">The remote to push to, e.g. <c>origin</c>.</param>
    /// <param name="token">Token for HTTPS remotes (sent as the password of <c>x-access-token</c>); null for none.</param>
    public ReleasePlan Release(ReleasePlan plan, string remoteName, string? token)
    {
        if (plan.Tag is null) return plan;
        using var repo = Open();
        if (repo.Tags[plan.Tag] is not null)
            throw new BuildFailedException($"Tag {plan.Tag} already exists: fetch tags (git fetch --tags) and run Bump again.");
        // Checked before tagging: a release tag that can never be pushed must not be created at all.
        var remote = repo.Network.Remotes[remoteName] ?? throw new UsageException(NoSuchRemote(repo, remoteName, "The git remote"));
        var signature = repo.Config.BuildSignature(time.GetUtcNow()) ?? new Signature("Shipyard", "shipyard@localhost", time.GetUtcNow());
        repo.ApplyTag(plan.Tag, repo.Head.Tip.Sha, signature, $"{plan.Service} {plan.Next}\n\n{string.Join('\n', plan.Commits)}\n");

        string? rejected = null;
        var options = new PushOptions
        {
            OnPushStatusError = e => rejected = e.Message,
            CredentialsProvider = token is null ? null
                : (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token },
        };
        try
        {
            repo.Network.Push(remote, $"refs/tags/{plan.Tag}:refs/tags/{plan.Tag}", options);
        }
        catch (LibGit2SharpException e)
        {
            repo.Tags.Remove(plan.Tag); // keep local and remote in step so a retry starts clean
            var why = token is null ? e.Message : e.Message.Replace(token, "***", StringComparison.Ordinal);
            throw new BuildFailedException($"Could not push tag {plan.Tag} to '{remoteName}' ({remote.Url}): {why}. Check --git-token and the remote.");
        }
        catch
        {
            repo.Tags.Remove(plan.Tag); // whatever stopped the push (cancellation too), no unpushed release tag stays behind
            throw;
        }
        if (rejected is not null)
        {
            repo.Tags.Remove(plan.Tag);
            throw new BuildFailedException($"The remote '{remoteName}' rejected tag {plan.Tag}: {rejected}.");
        }
        return plan with { Pushed = true };
    }

    /// <summary>
    /// Checks before the first target that <paramref name="remoteName"/> is a remote of the repository, so Bump never
    /// creates a release tag it cannot push.
    /// </summary>
    /// <param name="repositoryPath">Any folder inside the work tree.</param>
    /// <param name="remoteName">The remote release tags go to.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="UsageException">No such remote (the message lists the remotes there are).</exception>
    public static void ValidateRemote(string repositoryPath, string remoteName, string setting = "The git remote")
    {
        var root = Repository.Discover(repositoryPath) ?? throw new UsageException($"'{UsageException.Escape(repositoryPath)}' is not inside a git repository.");
        using var repo = new Repository(root);
        if (repo.Network.Remotes[remoteName] is null) throw new UsageException(NoSuchRemote(repo, remoteName, setting));
    }

    private static string NoSuchRemote(Repository repo, string remoteName, string setting)
    {
        var remotes = repo.Network.Remotes.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        return $"{setting} '{UsageException.Escape(remoteName)}' does not exist in this repository, so a release tag could not be pushed. " +
            (remotes.Count == 0 ? "It has no remote: add one with git remote add." : $"Remotes: {string.Join(", ", remotes)}.");
    }

    private Repository Open()
    {
        var root = Repository.Discover(repositoryPath) ?? throw new UsageException($"'{repositoryPath}' is not inside a git repository.");
        var repo = new Repository(root);
        if (repo.Info.IsShallow)
        {
            repo.Dispose();
            throw new BuildFailedException("The clone is shallow, so the last release tag and the commits since it cannot be found: fetch the full history (actions/checkout fetch-depth: 0).");
        }
        return repo;
    }

    private static bool Touches(Repository repo, Commit commit, IReadOnlyList<string> paths)
    {
        var parent = commit.Parents.FirstOrDefault();
        using var changes = repo.Diff.Compare<TreeChanges>(parent?.Tree, commit.Tree, paths.Select(p => p.TrimEnd('/')));
        return changes.Count > 0;
    }

    private static SemVersion Next(SemVersion? previous, BumpKind kind) => previous is null ? FirstRelease : kind switch
    {
        BumpKind.Major => new SemVersion(previous.Major + 1, 0, 0),
        BumpKind.Minor => new SemVersion(previous.Major, previous.Minor + 1, 0),
        _ => previous.IsPrerelease ? new SemVersion(previous.Major, previous.Minor, previous.Patch) : new SemVersion(previous.Major, previous.Minor, previous.Patch + 1),
    };
}
