using LibGit2Sharp;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>Creates GitOps repositories and deploy strategies from the Pipeline's settings.</summary>
public static class GitOpsRepositories
{
    /// <summary>
    /// The GitOps repository URL when none is given: the repository's own <c>origin</c> (manifests live next to the
    /// code and deploy commits are pushed back to it).
    /// </summary>
    public static string OriginOf(string rootDirectory)
    {
        var root = Repository.Discover(rootDirectory)
            ?? throw new UsageException($"'{rootDirectory}' is not a git repository: pass --gitops-repository");
        using var repo = new Repository(root);
        return repo.Network.Remotes["origin"]?.Url
            ?? throw new UsageException("no --gitops-repository given and this repository has no 'origin' remote to push deploy commits to");
    }

    /// <summary>Parses <c>Name &lt;email&gt;</c> (e.g. <c>--gitops-author</c>); null or empty gives the GitHub Actions bot.</summary>
    public static GitIdentity Identity(string? author)
    {
        if (string.IsNullOrWhiteSpace(author)) return GitIdentity.ActionsBot;
        var open = author.IndexOf('<', StringComparison.Ordinal);
        if (open <= 0 || !author.TrimEnd().EndsWith('>'))
            throw new UsageException($"--gitops-author '{author}' must look like 'Name <email>'");
        return new GitIdentity(author[..open].Trim(), author[(open + 1)..author.TrimEnd().Length].TrimEnd('>').Trim());
    }

    /// <summary>A repository writer; share one per run so parallel deploys group their commits into one push.</summary>
    public static IGitOpsRepository Create(GitOpsRepositorySettings settings, TextWriter log, TimeProvider time) =>
        new GitOpsRepository(settings, log, time);

    /// <summary>The GitOps deploy strategy over <paramref name="repository"/>, the lock and (optionally) Argo CD.</summary>
    public static Deploy.IDeployStrategy Strategy(
        IGitOpsRepository repository, Locks.IDeployLock deployLock, ArgoCd.IArgoCd? argoCd, GitOpsDeploySettings settings, TextWriter log) =>
        new GitOpsDeployStrategy(repository, deployLock, argoCd, settings, log);
}
