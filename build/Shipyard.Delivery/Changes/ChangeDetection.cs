using Shipyard.Delivery.Processes;

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
}
