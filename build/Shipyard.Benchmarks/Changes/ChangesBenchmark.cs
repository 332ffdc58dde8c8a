using System.Diagnostics;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Changes;

namespace Shipyard.Benchmarks.Changes;

/// <summary>
/// Times the affected-set computation (diff + rules, for the whole catalog) against <c>git diff --name-only base head</c>
/// on the same generated monorepo in the same run, the median of several runs each. Not a test: the pipeline (or a
/// person) runs it and reads the figures; the goal is a ratio of at most 1.5.
/// </summary>
public sealed class ChangesBenchmark(ProcessRunner runner, TextWriter log)
{
    /// <summary>Generates the repository under <paramref name="workDirectory"/> and measures.</summary>
    public async Task<ChangesBenchmarkFigures> RunAsync(
        string workDirectory, int services = 1000, int filesPerService = 100, int changeEvery = 20, int runs = 11,
        CancellationToken cancellationToken = default)
    {
        var generate = Stopwatch.StartNew();
        var repo = await SyntheticMonorepo.CreateAsync(Path.Combine(workDirectory, "monorepo"), services, filesPerService, changeEvery, runner, cancellationToken);
        generate.Stop();
        await log.WriteLineAsync($"Generated {repo.Files:N0} files in {services:N0} services, {repo.ChangedFiles:N0} changed, in {generate.Elapsed.TotalSeconds:F1} s");

        var gitArgs = new[] { "-C", repo.Path, "diff", "--name-only", repo.Base, repo.Head };
        var quiet = new ProcessOptions { Echo = false };
        var measured = await InterleavedMediansAsync(runs,
        [
            async () => (await runner.RunAsync("git", gitArgs, quiet, cancellationToken)).StandardOutput.Count(c => c == '\n'),
            () => AffectedAsync(repo, new TreeDiffChangedPaths(repo.Path), cancellationToken),
            () => AffectedAsync(repo, new OidTreeWalkChangedPaths(repo.Path), cancellationToken),
            () => AffectedAsync(repo, new GitCliChangedPaths(repo.Path, runner), cancellationToken),
        ]);
        var (git, treeDiff, treeWalk, gitCli) = (measured[0], measured[1], measured[2], measured[3]);

        var figures = new ChangesBenchmarkFigures(repo.Files, services, repo.ChangedFiles, treeDiff.Count, git.Time, treeDiff.Time, treeWalk.Time, gitCli.Time);
        await log.WriteLineAsync(figures.ToString());
        return figures;
    }

    private static async Task<int> AffectedAsync(SyntheticMonorepo repo, IChangedPaths paths, CancellationToken cancellationToken)
    {
        var calculator = new AffectedSetCalculator(repo.Catalog);
        var changed = await paths.BetweenAsync(repo.Base, repo.Head, cancellationToken);
        return calculator.Compute(changed).Count(a => a.IsAffected);
    }

    /// <summary>
    /// Warms each action up once, then runs them round-robin <paramref name="runs"/> times, so a burst of load on a
    /// shared machine hits every contender alike; the median time of each and its last result.
    /// </summary>
    private static async Task<(TimeSpan Time, int Count)[]> InterleavedMediansAsync(int runs, Func<Task<int>>[] actions)
    {
        var counts = new int[actions.Length];
        var times = actions.Select(_ => new List<TimeSpan>(runs)).ToArray();
        for (var a = 0; a < actions.Length; a++) counts[a] = await actions[a]();
        for (var i = 0; i < runs; i++)
            for (var a = 0; a < actions.Length; a++)
            {
                var watch = Stopwatch.StartNew();
                counts[a] = await actions[a]();
                times[a].Add(watch.Elapsed);
            }
        return [.. times.Select((t, a) => (t.Order().ElementAt(runs / 2), counts[a]))];
    }
}
