using System.Collections.Concurrent;
using LibGit2Sharp;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// A GitOps repository reached through libgit2 (LibGit2Sharp). Writes that arrive while another is under way
/// (the pipeline deploys services in parallel) are grouped: one temporary clone, one commit per change, one push.
/// A rejected push (another process pushed first) hands the commits to the writer at the front of the hand-off, which
/// pushes them with its own (<see cref="GitOpsHandOff"/>), or, at the front itself, applies every change again on the
/// new tip and pushes the waiting writers' commits along.
/// </summary>
internal sealed class GitOpsRepository : IGitOpsRepository
{
    private readonly GitOpsRepositorySettings _settings;
    private readonly GitRemote _remote;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ProcessRunner _git;
    private readonly Lock _gate = new();
    private readonly List<PendingWrite> _queue = [];
    private readonly ConcurrentDictionary<(string Revision, string Ours), bool> _lineage = new();
    private bool _writing;

    public GitOpsRepository(GitOpsRepositorySettings settings, TextWriter log, TimeProvider time, Random? random = null)
    {
        _settings = settings;
        _remote = new GitRemote(settings.Url, settings.Token);
        _log = log;
        _time = time;
        _random = random ?? Random.Shared;
        _git = new ProcessRunner(log, _remote.Scrub, settings.ToolTimes);
    }

    public string Name => $"{_remote.Url}@{_settings.Branch}";

    public async Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        if (_remote.Url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)) await CheckOverSshAsync(cancellationToken);
        else await Task.Run(CheckWithLibGit2, cancellationToken);
    }

    // libgit2 starts ssh with our own stderr, so an unreachable host would print ssh's lines before our one-line
    // error; git ls-remote through the process runner keeps them, and BatchMode keeps ssh from prompting.
    private async Task CheckOverSshAsync(CancellationToken cancellationToken)
    {
        var result = await _git.RunAsync("git", ["ls-remote", "--exit-code", "--heads", _remote.Url, _settings.Branch],
            new ProcessOptions { Echo = false, Check = false, Environment = new Dictionary<string, string?> { ["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes" } },
            cancellationToken);
        if (result.ExitCode == 2)
            throw new UsageException($"GitOps repository {_remote.Url} has no branch '{_settings.Branch}' (set --gitops-branch)");
        if (result.ExitCode != 0)
        {
            var why = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"git exited with {result.ExitCode}";
            throw new UsageException($"GitOps repository {_remote.Url} is not reachable: {_remote.Scrub(why)}");
        }
    }

    private void CheckWithLibGit2()
    {
        if (_remote.IsLocal && !Directory.Exists(_remote.LocalPath))
            throw new UsageException($"GitOps repository {_remote.Url} does not exist (give a clone URL or the path of a repository)");
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
    }

    public Task<IReadOnlyList<ManifestEditResult>> PreviewAsync(IReadOnlyList<GitOpsChange> changes, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<ManifestEditResult>>(() =>
        {
            using var clone = GitOpsClone.Create(_remote, _settings.Branch, Name, _settings.WorkRoot, _git);
            return changes.Select(c => c.Edit(clone.ManifestAtTip(c.Path).Text, c.Path)).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<ManifestVersion>> HistoryAsync(string path, int max, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var clone = GitOpsClone.Create(_remote, _settings.Branch, Name, _settings.WorkRoot, _git);
            clone.ManifestAtTip(path); // exists at the tip, or a usage error
            return clone.History(path, max);
        }, cancellationToken);

    public ArgoCd.IRevisionLineage OpenLineage() => new GitOpsLineage(_remote, _settings.Branch, Name, _settings.WorkRoot, _git, _lineage);

    public Task<GitOpsWriteResult> WriteAsync(GitOpsChange change, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(change, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }
        if (start) _ = Task.Run(DrainAsync, CancellationToken.None);
        return pending.Result;
    }

    // One writer at a time per instance: each round clones, then takes every write queued meanwhile.
    private async Task DrainAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }
            List<PendingWrite> batch = [];
            try
            {
                using var clone = GitOpsClone.Create(_remote, _settings.Branch, Name, _settings.WorkRoot, _git);
                batch = TakeAll();
                await new GitOpsBatch(clone, batch, _settings, _log, _time, _random).RunAsync();
            }
            catch (Exception e)
            {
                if (batch.Count == 0) batch = TakeAll();
                foreach (var p in batch) p.Fail(e);
            }
            foreach (var p in batch) p.Publish();
        }
    }

    private List<PendingWrite> TakeAll()
    {
        lock (_gate)
        {
            var batch = _queue.ToList();
            _queue.Clear();
            return batch;
        }
    }
}
