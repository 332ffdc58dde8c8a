using System.Diagnostics;
using System.Text;
using LibGit2Sharp;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>A GitOps repository reached through libgit2 (LibGit2Sharp), written in a temporary clone per write.</summary>
internal sealed class GitOpsRepository : IGitOpsRepository
{
    private readonly GitOpsRepositorySettings _settings;
    private readonly GitRemote _remote;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private readonly Random _random;

    public GitOpsRepository(GitOpsRepositorySettings settings, TextWriter log, TimeProvider time, Random? random = null)
    {
        _settings = settings;
        _remote = new GitRemote(settings.Url, settings.Token);
        _log = log;
        _time = time;
        _random = random ?? Random.Shared;
    }

    public string Name => $"{_remote.Url}@{_settings.Branch}";

    public Task CheckReachableAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        IEnumerable<Reference> refs;
        try
        {
            refs = Repository.ListRemoteReferences(_remote.Url, _remote.Credentials).ToList();
        }
        catch (LibGit2SharpException e)
        {
            throw new UsageException($"GitOps repository {_remote.Url} is not reachable: {_remote.Describe(e)}");
        }
        if (!refs.Any(r => r.CanonicalName == $"refs/heads/{_settings.Branch}"))
            throw new UsageException($"GitOps repository {_remote.Url} has no branch '{_settings.Branch}' (set --gitops-branch)");
    }, cancellationToken);

    public Task<GitOpsWriteResult> WriteAsync(GitOpsChange change, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            var dir = Path.Combine(_settings.WorkRoot, $"gitops-{Guid.NewGuid():N}");
            try
            {
                using var repo = Clone(dir);
                return await CommitAndPushAsync(repo, dir, change, cancellationToken);
            }
            finally
            {
                DeleteClone(dir);
            }
        }, cancellationToken);

    private async Task<GitOpsWriteResult> CommitAndPushAsync(Repository repo, string dir, GitOpsChange change, CancellationToken ct)
    {
        var file = ManifestFile.Resolve(dir, change.Path);
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var tip = repo.Head.Tip.Sha;
            var content = ManifestFile.Read(file, change.Path, Name);
            var edit = change.Edit(content.Text, change.Path);
            if (!edit.Changed) return new GitOpsWriteResult(null, tip, edit, attempt);

            ManifestFile.Write(file, content with { Text = edit.Text });
            Commands.Stage(repo, change.Path);
            var signature = new Signature(_settings.Identity.Name, _settings.Identity.Email, _time.GetUtcNow());
            var commit = repo.Commit(change.Message, signature, signature);

            var rejection = Push(repo);
            if (rejection is null) return new GitOpsWriteResult(commit.Sha, commit.Sha, edit, attempt);
            if (attempt >= _settings.MaxAttempts)
                throw new BuildFailedException(
                    $"GitOps push to {Name} was rejected {attempt} times ({rejection}): other writers kept moving the branch. " +
                    "Nothing of this deploy was pushed; run the deploy again.");

            var delay = Backoff(attempt);
            await _log.WriteLineAsync($"GitOps push rejected ({rejection}); re-applying the edit on the new tip in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1} of {_settings.MaxAttempts})");
            await Task.Delay(delay, _time, ct);
            FetchAndReset(repo);
        }
    }

    private Repository Clone(string dir)
    {
        try
        {
            var options = new CloneOptions(_remote.FetchOptions()) { BranchName = _settings.Branch, Checkout = true };
            Repository.Clone(_remote.Url, dir, options);
            return new Repository(dir);
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Cloning the GitOps repository {Name} failed: {_remote.Describe(e)}");
        }
    }

    // Returns why the push was rejected because the branch moved, or null when it landed.
    private string? Push(Repository repo)
    {
        string? rejected = null;
        var options = new PushOptions
        {
            CredentialsProvider = _remote.Credentials,
            OnPushStatusError = e => rejected = _remote.Scrub($"{e.Reference}: {e.Message}"),
        };
        try
        {
            repo.Network.Push(repo.Network.Remotes["origin"], $"refs/heads/{_settings.Branch}:refs/heads/{_settings.Branch}", options);
            return rejected;
        }
        catch (NonFastForwardException e)
        {
            return _remote.Scrub(e.Message);
        }
        catch (LibGit2SharpException e) when (IsRace(e))
        {
            return _remote.Scrub(e.Message);
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Pushing to the GitOps repository {Name} failed: {_remote.Describe(e)}");
        }
    }

    // A local (file://) push that lost the compare-and-swap on the branch ref reports a lock or a changed reference.
    private static bool IsRace(LibGit2SharpException e) =>
        e is LockedFileException
        || e.Message.Contains("concurrently", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("fast-forward", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("fastforward", StringComparison.OrdinalIgnoreCase);

    private void FetchAndReset(Repository repo)
    {
        try
        {
            Commands.Fetch(repo, "origin", [$"+refs/heads/{_settings.Branch}:refs/remotes/origin/{_settings.Branch}"], _remote.FetchOptions(), null);
        }
        catch (LibGit2SharpException e)
        {
            throw new BuildFailedException($"Fetching the GitOps repository {Name} failed: {_remote.Describe(e)}");
        }
        repo.Reset(ResetMode.Hard, repo.Branches[$"origin/{_settings.Branch}"].Tip);
    }

    // Full jitter: uniform in [0, min(max, base·2^(attempt-1))], so racing writers spread out instead of colliding again.
    private TimeSpan Backoff(int attempt)
    {
        var window = Math.Min(_settings.MaxDelay.TotalMilliseconds, _settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(_random.NextDouble() * window);
    }

    private static void DeleteClone(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            File.SetAttributes(f, FileAttributes.Normal);
        Directory.Delete(dir, recursive: true);
    }
}
