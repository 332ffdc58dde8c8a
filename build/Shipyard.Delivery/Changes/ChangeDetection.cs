using LibGit2Sharp;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Changes;

/// <summary>Wires change detection over a local clone.</summary>
public static class ChangeDetection
{
    /// <summary>
    /// A detector over the clone at <paramref name="repositoryPath"/>: LibGit2Sharp for graph queries, the git CLI
    /// (through <paramref name="runner"/>) for the diffs (faster, by the benchmark) and to deepen a shallow clone
    /// from <paramref name="remote"/>.
    /// </summary>
    public static IChangeDetector ForRepository(string repositoryPath, ProcessRunner runner, ChangeRules? rules = null, string remote = "origin") =>
        new ChangeDetector(new GitRevisionGraph(repositoryPath, runner, remote), new GitCliChangedPaths(repositoryPath, runner), rules);

    /// <summary>
    /// Checks before the first target that <paramref name="revision"/> names a commit of the clone, so a typo in a base
    /// or head is a usage error rather than a failure inside the Changes target. A shallow clone is let through: the
    /// detector deepens it once before it gives up on a revision.
    /// </summary>
    /// <param name="repositoryPath">Any folder inside the work tree.</param>
    /// <param name="revision">A SHA, branch, tag or rev-parse expression.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="UsageException">Not a commit here (one line, the value escaped).</exception>
    public static void ValidateRevision(string repositoryPath, string revision, string setting)
    {
        var root = Repository.Discover(repositoryPath)
            ?? throw new UsageException($"'{UsageException.Escape(repositoryPath)}' is not inside a git repository: change detection compares commits.");
        using var repo = new Repository(root);
        if (repo.Info.IsShallow) return;
        Commit? found;
        try
        {
            found = revision.Any(char.IsControl) ? null : repo.Lookup(revision)?.Peel<Commit>();
        }
        catch (LibGit2SharpException)
        {
            found = null; // ambiguous, malformed, or not peelable to a commit
        }
        if (found is null)
            throw new UsageException($"{setting} '{UsageException.Escape(revision)}' is not a commit in this repository: pass a fetched SHA, branch or tag.");
    }
}
