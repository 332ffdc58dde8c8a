using LibGit2Sharp;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// A temporary clone of the GitOps branch: commit files, push, and on rejection fetch and reset to the new tip.
/// Disposing it deletes the folder.
/// </summary>
internal sealed class GitOpsClone : IDisposable
{
    private readonly GitRemote _remote;
    private readonly string _branch;
    private readonly string _name;
    private readonly ProcessRunner _git;
    private readonly Repository _repo;

    private GitOpsClone(GitRemote remote, string branch, string name, string dir, ProcessRunner git)
    {
        (_remote, _branch, _name, Directory, _git) = (remote, branch, name, dir, git);
        _repo = new Repository(dir);
    }

    /// <summary>The working tree.</summary>
    public string Directory { get; }

    /// <summary>Display name of the repository and branch.</summary>
    public string Name => _name;

    /// <summary>SHA of the checked-out branch tip.</summary>
    public string Tip => _repo.Head.Tip.Sha;

    public static GitOpsClone Create(GitRemote remote, string branch, string name, string workRoot, ProcessRunner git)
    {
        var dir = Path.Combine(workRoot, $"gitops-{Guid.NewGuid():N}");
        try
        {
            Repository.Clone(remote.Url, dir, new CloneOptions(remote.FetchOptions()) { BranchName = branch, Checkout = true });
            return new GitOpsClone(remote, branch, name, dir, git);
        }
        catch (LibGit2SharpException e)
        {
            Delete(dir);
            throw new BuildFailedException($"Cloning the GitOps repository {name} failed: {remote.Describe(e)}");
        }
    }

    /// <summary>Stages <paramref name="path"/> and commits it on the branch; returns the commit SHA.</summary>
    public string Commit(string path, string message, GitIdentity identity, DateTimeOffset when)
    {
        Commands.Stage(_repo, path);
        var signature = new Signature(identity.Name, identity.Email, when);
        return _repo.Commit(message, signature, signature).Sha;
    }

    /// <summary>Pushes the branch; returns why it was rejected because the remote branch moved, or null when it landed.</summary>
    public async Task<string?> PushAsync(CancellationToken ct) => _remote.IsLocal ? await PushWithGitAsync(ct) : PushWithLibGit2();

    /// <summary>Fetches the branch and hard-resets the clone to the remote tip (dropping this clone's unpushed commits).</summary>
    public void FetchAndReset()
    {
        try
        {
            Commands.Fetch(_repo, "origin", [$"+refs/heads/{_branch}:refs/remotes/origin/{_branch}"], _remote.FetchOptions(), null);
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Fetching the GitOps repository {_name} failed: {_remote.Describe(e)}");
        }
        _repo.Reset(ResetMode.Hard, _repo.Branches[$"origin/{_branch}"].Tip);
    }

    /// <summary>
    /// The file's successive contents on the branch's first-parent line, newest first, each with the commit that
    /// introduced it (a revert to an older content is a new entry).
    /// </summary>
    public IReadOnlyList<ManifestVersion> History(string path, int max)
    {
        var versions = new List<ManifestVersion>();
        ManifestVersion? current = null;
        foreach (var commit in _repo.Commits.QueryBy(new CommitFilter { FirstParentOnly = true, IncludeReachableFrom = _repo.Head.Tip, SortBy = CommitSortStrategies.Topological }))
        {
            var text = commit[path]?.Target is Blob blob ? blob.GetContentText() : null;
            if (current is not null && text == current.Text)
            {
                // Same content one commit further back: the content was introduced at least this early.
                current = current with { Commit = commit.Sha, When = commit.Committer.When, Message = commit.Message };
                continue;
            }
            if (current is not null) versions.Add(current);
            if (text is null || versions.Count >= max) return versions;
            current = new ManifestVersion(commit.Sha, commit.Committer.When, text, commit.Message);
        }
        if (current is not null && versions.Count < max) versions.Add(current);
        return versions;
    }

    /// <summary>Drops uncommitted changes (after an edit that failed half-way).</summary>
    public void ResetHard() => _repo.Reset(ResetMode.Hard, _repo.Head.Tip);

    public void Dispose()
    {
        _repo.Dispose();
        Delete(Directory);
    }

    private string? PushWithLibGit2()
    {
        string? rejected = null;
        var options = new PushOptions
        {
            CredentialsProvider = _remote.Credentials,
            OnPushStatusError = e => rejected = _remote.Scrub($"{e.Reference}: {e.Message}"),
        };
        try
        {
            _repo.Network.Push(_repo.Network.Remotes["origin"], $"refs/heads/{_branch}:refs/heads/{_branch}", options);
            return rejected;
        }
        catch (NonFastForwardException e)
        {
            return _remote.Scrub(e.Message);
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Pushing to the GitOps repository {_name} failed: {_remote.Describe(e)}");
        }
    }

    // git's receive-pack takes the ref's lock and compares its old value, so a racing local push is rejected, not lost.
    private async Task<string?> PushWithGitAsync(CancellationToken ct)
    {
        var result = await _git.RunAsync("git", ["push", "--porcelain", "origin", $"refs/heads/{_branch}:refs/heads/{_branch}"],
            new ProcessOptions { WorkingDirectory = Directory, Check = false }, ct);
        if (result.ExitCode == 0) return null;
        var output = $"{result.StandardOutput}\n{result.StandardError}";
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('!')) ?? output.Trim().Split('\n')[^1];
        if (output.Contains("rejected", StringComparison.Ordinal) || output.Contains("failed to update ref", StringComparison.Ordinal)
            || output.Contains("cannot lock ref", StringComparison.Ordinal))
            return line.Replace('\t', ' ');
        throw new BuildFailedException($"Pushing to the GitOps repository {_name} failed: {line}");
    }

    private static void Delete(string dir)
    {
        if (!System.IO.Directory.Exists(dir)) return;
        foreach (var f in System.IO.Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            File.SetAttributes(f, FileAttributes.Normal);
        System.IO.Directory.Delete(dir, recursive: true);
    }
}
