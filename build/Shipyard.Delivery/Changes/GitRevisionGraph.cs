using LibGit2Sharp;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// <see cref="IRevisionGraph"/> over a local clone: queries through LibGit2Sharp, deepening through the git CLI
/// (libgit2 cannot fetch into a shallow clone). The repository is reopened after a fetch so new objects are seen.
/// </summary>
internal sealed class GitRevisionGraph(string repositoryPath, ProcessRunner runner, string remote = "origin") : IRevisionGraph, IDisposable
{
    private Repository? _repo;

    private Repository Repo => _repo ??= new Repository(repositoryPath);

    public bool IsShallow => Repo.Info.IsShallow;

    public string? Resolve(string revision)
    {
        try
        {
            return Repo.Lookup(revision)?.Peel<Commit>()?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null; // ambiguous short SHA or malformed revision: not a usable base
        }
    }

    public bool IsAncestor(string ancestor, string descendant)
    {
        if (ancestor == descendant) return true;
        var a = Repo.Lookup<Commit>(ancestor);
        var d = Repo.Lookup<Commit>(descendant);
        return a is not null && d is not null && Repo.ObjectDatabase.FindMergeBase(a, d)?.Sha == a.Sha;
    }

    public string? MergeBase(string first, string second)
    {
        var a = Repo.Lookup<Commit>(first);
        var b = Repo.Lookup<Commit>(second);
        return a is null || b is null ? null : Repo.ObjectDatabase.FindMergeBase(a, b)?.Sha;
    }

    public string? ReadFile(string sha, string path) =>
        Repo.Lookup<Commit>(sha)?[path]?.Target is Blob blob ? blob.GetContentText() : null;

    public async Task DeepenAsync(string defaultBranch, CancellationToken cancellationToken)
    {
        var args = new List<string> { "-C", repositoryPath, "fetch", "--no-tags", "--quiet" };
        if (IsShallow) args.Add("--unshallow");
        args.AddRange([remote, $"+refs/heads/{defaultBranch}:refs/remotes/{remote}/{defaultBranch}"]);
        var result = await runner.RunAsync("git", args, new ProcessOptions { Check = false }, cancellationToken);
        _repo?.Dispose();
        _repo = null;
        if (result.ExitCode != 0)
        {
            var why = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault() ?? $"exit code {result.ExitCode}";
            throw new BuildFailedException(
                $"Cannot compute changes: the clone lacks the base history and 'git fetch --unshallow {remote}' failed ({why}); " +
                "check out with fetch-depth: 0 or pass --base.");
        }
    }

    public void Dispose() => _repo?.Dispose();
}
