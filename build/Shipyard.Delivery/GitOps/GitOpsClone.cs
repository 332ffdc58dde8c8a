using LibGit2Sharp;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// A temporary clone of the GitOps branch, without a working tree: manifests are read from the tip's objects and a
/// change is committed as a new tree (so a GitOps repository with thousands of files costs no checkout); push, and on
/// rejection fetch and move the branch to the new tip. Disposing it deletes the folder.
/// </summary>
internal sealed class GitOpsClone : IDisposable
{
    private readonly GitRemote _remote;
    private readonly string _branch;
    private readonly string _name;
    private readonly ProcessRunner _git;
    private readonly Repository _repo;
    private readonly string _workRoot;
    private Locks.GitAskPass? _askPass;

    private GitOpsClone(GitRemote remote, string branch, string name, string dir, ProcessRunner git, string workRoot)
    {
        (_remote, _branch, _name, Directory, _git, _workRoot) = (remote, branch, name, dir, git, workRoot);
        _repo = new Repository(dir);
    }

    /// <summary>The clone's folder (its <c>.git</c>; no files are checked out).</summary>
    public string Directory { get; }

    /// <summary>Display name of the repository and branch.</summary>
    public string Name => _name;

    /// <summary>SHA of the branch tip (HEAD).</summary>
    public string Tip => _repo.Head.Tip.Sha;

    /// <summary>Clones the branch (its objects and refs; no working tree) into a new folder under <paramref name="workRoot"/>.</summary>
    public static GitOpsClone Create(GitRemote remote, string branch, string name, string workRoot, ProcessRunner git)
    {
        var dir = Path.Combine(workRoot, $"gitops-{Guid.NewGuid():N}");
        try
        {
            // The remote's refs are listed while other writers add and delete hand-off tickets: a listing that met a ticket
            // deleted meanwhile is made again.
            Retried(() =>
            {
                Delete(dir);
                return Repository.Clone(remote.Url, dir, new CloneOptions(remote.FetchOptions()) { BranchName = branch, Checkout = false });
            });
            return new GitOpsClone(remote, branch, name, dir, git, workRoot);
        }
        catch (LibGit2SharpException e)
        {
            Delete(dir);
            throw new BuildFailedException($"Cloning the GitOps repository {name} failed: {remote.Describe(e)}");
        }
    }

    private const string LocalHandOff = "refs/handoff/";

    /// <summary>The hand-off refs as last fetched, by their names on the remote.</summary>
    private IReadOnlyList<KeyValuePair<string, string>> HandOffRefsFetched =>
        [.. _repo.Refs.FromGlob($"{LocalHandOff}*").Select(r => KeyValuePair.Create(HandOffRefs.Prefix(_branch) + r.CanonicalName[LocalHandOff.Length..], r.TargetIdentifier))];

    /// <summary>
    /// The manifest at <paramref name="path"/> (relative to the repository root) at the branch tip, read from the
    /// clone's objects; refuses a path leaving the repository and a path that is not a file there.
    /// </summary>
    public ManifestFile ManifestAtTip(string path)
    {
        var bytes = BytesAtTip(InRepository(path)) ?? throw new UsageException($"{path}: no such file in the GitOps repository {_name}");
        return ManifestFile.Decode(bytes, path);
    }

    /// <summary>
    /// Commits <paramref name="content"/> as the new content of <paramref name="path"/> on the branch (a new tree from
    /// the tip's, nothing written to disk but objects); returns the commit SHA, or null when the tree would not change.
    /// </summary>
    public string? CommitFile(string path, ManifestFile content, string message, GitIdentity identity, DateTimeOffset when)
    {
        var relative = InRepository(path);
        var tip = _repo.Head.Tip;
        using var bytes = new MemoryStream(ManifestFile.Encode(content));
        var blob = _repo.ObjectDatabase.CreateBlob(bytes);
        var tree = TreeDefinition.From(tip.Tree);
        tree.Add(relative, blob, tip[relative]?.Mode is Mode.ExecutableFile ? Mode.ExecutableFile : Mode.NonExecutableFile);
        var newTree = _repo.ObjectDatabase.CreateTree(tree);
        if (newTree.Id == tip.Tree.Id) return null;
        var signature = new Signature(identity.Name, identity.Email, when);
        var commit = _repo.ObjectDatabase.CreateCommit(signature, signature, message, newTree, [tip], prettifyMessage: true);
        MoveTo(commit);
        return commit.Sha;
    }

    // The path as a tree entry ("a/b.yaml"); refuses one that leaves the repository.
    private string InRepository(string path) =>
        Path.GetRelativePath(Directory, ManifestFile.Resolve(Directory, path)).Replace(Path.DirectorySeparatorChar, '/');

    // Moves the branch (HEAD) to the commit; there is no index or working tree to update.
    private void MoveTo(Commit commit) => _repo.Reset(ResetMode.Soft, commit);

    /// <summary>Pushes the branch; returns why it was rejected because the remote branch moved, or null when it landed.</summary>
    public async Task<string?> PushAsync(CancellationToken ct) => _remote.IsLocal ? await PushWithGitAsync(ct) : PushWithLibGit2();

    /// <summary>Fetches the branch and moves the clone's branch to the remote tip (dropping this clone's unpushed commits).</summary>
    public void FetchAndReset() => FetchAndResetTo([$"+refs/heads/{_branch}:refs/remotes/origin/{_branch}"]);

    /// <summary>Fetches the branch and leaves HEAD where it is (for a clone that is only read).</summary>
    public void Fetch() => FetchOnly([$"+refs/heads/{_branch}:refs/remotes/origin/{_branch}"]);

    // Fetches the refspecs (the branch first) and moves the clone to the fetched branch tip.
    private void FetchAndResetTo(string[] refspecs)
    {
        FetchOnly(refspecs);
        MoveTo(_repo.Branches[$"origin/{_branch}"].Tip);
    }

    private void FetchOnly(string[] refspecs)
    {
        try
        {
            Retried(() =>
            {
                Commands.Fetch(_repo, "origin", refspecs, _remote.FetchOptions(), null);
                return true;
            });
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Fetching the GitOps repository {_name} failed: {_remote.Describe(e)}");
        }
    }

    /// <summary>True when this clone has the commit <paramref name="sha"/> (a full SHA).</summary>
    public bool Has(string sha) => _repo.Lookup<Commit>(new ObjectId(sha)) is not null;

    /// <summary>
    /// True when <paramref name="ours"/> is <paramref name="revision"/> or one of its ancestors (full SHAs); false when it
    /// is not, or when either commit is not in this clone.
    /// </summary>
    public bool Contains(string revision, string ours)
    {
        if (_repo.Lookup<Commit>(new ObjectId(revision)) is not { } tip || _repo.Lookup<Commit>(new ObjectId(ours)) is not { } commit) return false;
        return tip.Id == commit.Id || _repo.ObjectDatabase.FindMergeBase(tip, commit)?.Id == commit.Id;
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

    /// <summary>The remote's refs under <paramref name="prefix"/> and its branch tip, in one round trip (nothing fetched).</summary>
    public (string? Tip, IReadOnlyList<KeyValuePair<string, string>> Refs) ListRemote(string prefix)
    {
        try
        {
            var refs = Retried(() => Repository.ListRemoteReferences(_remote.Url, _remote.Credentials).ToList());
            var tip = refs.FirstOrDefault(r => r.CanonicalName == $"refs/heads/{_branch}")?.TargetIdentifier;
            return (tip, [.. refs.Where(r => r.CanonicalName.StartsWith(prefix, StringComparison.Ordinal)).Select(r => KeyValuePair.Create(r.CanonicalName, r.TargetIdentifier))]);
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Reading the refs of the GitOps repository {_name} failed: {_remote.Describe(e)}");
        }
    }

    /// <summary>
    /// Fetches the branch and the hand-off's refs (their commits too), moves the clone's branch to the remote tip, and
    /// returns those refs as they are now on the remote (refs deleted there are gone here too).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> FetchAndResetWith()
    {
        // Local copies of tickets deleted on the remote since the last fetch must not survive it.
        foreach (var stale in _repo.Refs.FromGlob($"{LocalHandOff}*").ToList()) _repo.Refs.Remove(stale);
        FetchAndResetTo([$"+refs/heads/{_branch}:refs/remotes/origin/{_branch}", $"+{HandOffRefs.Prefix(_branch)}*:{LocalHandOff}*"]);
        return HandOffRefsFetched;
    }

    // Tickets come and go while they are read: a ref deleted between the listing and its read fails the whole call
    // (seen with the local transport). Such a failure is read again, up to three times.
    private static T Retried<T>(Func<T> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return read();
            }
            catch (LibGit2SharpException e) when (attempt < 3 && e.Message.Contains("refs/gitops/", StringComparison.Ordinal))
            {
                Thread.Sleep(20 * attempt);
            }
        }
    }

    /// <summary>The remote tip as last fetched.</summary>
    public string FetchedTip => _repo.Branches[$"origin/{_branch}"].Tip.Sha;

    /// <summary>
    /// Replays the chain ending at <paramref name="chainTip"/> (its commits not on the fetched branch, oldest first) onto
    /// the clone's tip, keeping each commit's message, author and committer; a commit whose change is already there is
    /// left out. Returns the new tip, or null (tip unchanged) when a commit does not apply cleanly or the chain does
    /// not start on the branch's history.
    /// </summary>
    public string? Replay(string chainTip)
    {
        var fetched = _repo.Branches[$"origin/{_branch}"].Tip;
        if (_repo.Lookup<Commit>(chainTip) is not { } tip) return null;
        var chain = _repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = tip,
            ExcludeReachableFrom = fetched,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        }).ToList();
        if (chain.Count == 0 || chain.Count > 100 || chain.Any(c => c.Parents.Count() != 1)) return null;
        var root = chain[0].Parents.Single();
        if (_repo.ObjectDatabase.FindMergeBase(root, fetched)?.Sha != root.Sha) return null;

        var onto = _repo.Head.Tip;
        foreach (var commit in chain)
        {
            var merge = _repo.ObjectDatabase.CherryPickCommit(commit, onto, 0, new MergeTreeOptions { FailOnConflict = true });
            if (merge.Status != MergeTreeStatus.Succeeded) return null;
            if (merge.Tree.Id == onto.Tree.Id) continue;
            onto = _repo.ObjectDatabase.CreateCommit(commit.Author, commit.Committer, commit.Message, merge.Tree, [onto], prettifyMessage: false);
        }
        MoveTo(onto);
        return onto.Sha;
    }

    /// <summary>The fetched branch's commits since <paramref name="since"/> (not reachable from it), newest first.</summary>
    public IReadOnlyList<(string Sha, string Message)> Since(string since) =>
        [.. _repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = _repo.Branches[$"origin/{_branch}"].Tip,
            ExcludeReachableFrom = since,
            FirstParentOnly = true,
        }).Select(c => (c.Sha, c.Message))];

    /// <summary>
    /// Creates a new ref on the remote pointing at <paramref name="sha"/> (its commits uploaded), through libgit2: no
    /// process started. Only for a ref no one else writes (a fresh ticket): libgit2 does not compare-and-swap.
    /// Returns null when it landed, or why the remote refused it.
    /// </summary>
    public string? PushNewRef(string sha, string remoteRef)
    {
        const string Local = "refs/handoff-push/new";
        _repo.Refs.Add(Local, new ObjectId(sha), allowOverwrite: true);
        string? refused = null;
        try
        {
            _repo.Network.Push(_repo.Network.Remotes["origin"], $"{Local}:{remoteRef}",
                new PushOptions { CredentialsProvider = _remote.Credentials, OnPushStatusError = e => refused = _remote.Scrub($"{e.Reference}: {e.Message}") });
            return refused;
        }
        catch (LibGit2SharpException e)
        {
            return _remote.Describe(e);
        }
        finally
        {
            _repo.Refs.Remove(Local);
        }
    }

    /// <summary>The text of <paramref name="path"/> at <paramref name="sha"/>, or null when it has no such file.</summary>
    public string? TextAt(string sha, string path) => _repo.Lookup<Commit>(sha)?[path]?.Target is Blob blob ? blob.GetContentText() : null;

    /// <summary>The bytes of <paramref name="path"/> at the branch tip, or null when the tip has no such file.</summary>
    private byte[]? BytesAtTip(string path)
    {
        if (_repo.Head.Tip[path]?.Target is not Blob blob) return null;
        using var stream = blob.GetContentStream();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The first parent of a commit of this clone (null for a root commit).</summary>
    public string? ParentOf(string sha) => _repo.Lookup<Commit>(sha)?.Parents.FirstOrDefault()?.Sha;

    /// <summary>Message of a commit of this clone.</summary>
    public string MessageOf(string sha) => _repo.Lookup<Commit>(sha).Message;

    /// <summary>
    /// Pushes several ref updates as one atomic push (all or none) with the git CLI, each a compare-and-swap on the
    /// value the remote must still have (empty: must not exist). Returns null when they all landed, or why they were
    /// refused (a ref moved, or the server refused one).
    /// </summary>
    public async Task<string?> PushRefsAsync(IReadOnlyList<RefUpdate> updates, CancellationToken ct)
    {
        _askPass ??= _remote.AskPass(_workRoot);
        var leases = updates.Select(u => $"--force-with-lease={u.Ref}:{u.Expected}");
        var specs = updates.Select(u => $"{u.NewSha ?? ""}:{u.Ref}");
        var result = await _git.RunAsync("git", ["-c", "credential.helper=", "push", "--atomic", "--porcelain", .. leases, "origin", .. specs],
            new ProcessOptions { WorkingDirectory = Directory, Check = false, Echo = false, Environment = _askPass?.Environment ?? new Dictionary<string, string?>() }, ct);
        return RaceOrThrow(result);
    }

    // A push git refused because a ref moved (another writer was first) is a race: the reason is returned. Anything
    // else — a hook or branch protection declining it, no access — fails at once, with the server's own words.
    private string? RaceOrThrow(ProcessResult result)
    {
        if (result.ExitCode == 0) return null;
        var output = $"{result.StandardOutput}\n{result.StandardError}";
        var lines = output.Split('\n').Select(l => l.Trim().Replace('\t', ' ')).Where(l => l.Length > 0).ToList();
        var refused = lines.FirstOrDefault(l => l.StartsWith('!') && !l.Contains("(atomic push failed)", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.StartsWith('!')) ?? lines.LastOrDefault() ?? $"git push exited with {result.ExitCode}";
        // "atomic transaction failed" is the server's word for a ref of the push that another writer locked or moved meanwhile.
        string[] moved = ["(fetch first)", "(non-fast-forward)", "(stale info)", "(failed to update ref)", "cannot lock ref", "incorrect old value", "atomic transaction failed"];
        if (moved.Any(m => refused.Contains(m, StringComparison.Ordinal)) && !refused.Contains("declined", StringComparison.Ordinal))
            return _remote.Scrub(refused);
        var server = lines.Where(l => l.StartsWith("remote:", StringComparison.Ordinal)).Select(l => l["remote:".Length..].Trim()).FirstOrDefault(l => l.Length > 0);
        throw new BuildFailedException(
            $"Pushing to the GitOps repository {_name} was refused: {_remote.Scrub(refused)}" + (server is null ? "" : $" (the server said: {_remote.Scrub(server)})") +
            ". Nothing of this deploy was pushed; allow the deploy's pushes to that branch or choose another with --gitops-branch.");
    }

    public void Dispose()
    {
        _askPass?.Dispose();
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
            // A hook or branch protection declining the update is no race: retrying cannot help.
            if (rejected is not null && (rejected.Contains("declined", StringComparison.OrdinalIgnoreCase) || rejected.Contains("denied", StringComparison.OrdinalIgnoreCase)
                || rejected.Contains("protected", StringComparison.OrdinalIgnoreCase)))
                throw new BuildFailedException($"Pushing to the GitOps repository {_name} was refused: {rejected}. Nothing of this deploy was pushed; allow the deploy's pushes to that branch or choose another with --gitops-branch.");
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
        return RaceOrThrow(result);
    }

    /// <summary>One ref of an atomic push: <paramref name="NewSha"/> (null: delete) if the remote still has <paramref name="Expected"/> ("": no such ref).</summary>
    public sealed record RefUpdate(string Ref, string? NewSha, string Expected);

    private static void Delete(string dir)
    {
        if (!System.IO.Directory.Exists(dir)) return;
        foreach (var f in System.IO.Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            File.SetAttributes(f, FileAttributes.Normal);
        System.IO.Directory.Delete(dir, recursive: true);
    }
}
