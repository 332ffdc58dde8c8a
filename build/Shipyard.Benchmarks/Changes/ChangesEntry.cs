using Shipyard.Delivery.Processes;

namespace Shipyard.Benchmarks.Changes;

/// <summary>The suite's change-detection row: <see cref="ChangesBenchmark"/> on a generated monorepo in a temp folder.</summary>
internal sealed class ChangesEntry(BenchmarkSettings settings, TextWriter output) : IBenchmark
{
    public string Name => "changes";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("shipyard-changes-benchmark-");
        try
        {
            var full = settings.Full;
            var f = await new ChangesBenchmark(new ProcessRunner(TextWriter.Null, s => s), output).RunAsync(work.FullName,
                services: full ? 1000 : 50, filesPerService: full ? 100 : 20, changeEvery: 20, runs: full ? 11 : 3, cancellationToken);
            return
            [
                new("changes: affected set", $"{f.GitCliRatio:0.00}x `git diff --name-only` ({f.GitCli.TotalMilliseconds:0} vs {f.GitDiff.TotalMilliseconds:0} ms)",
                    "<= 1.5x", f.GitCliRatio <= 1.5,
                    $"{f.Files:N0} files, {f.Services:N0} services, {f.ChangedFiles:N0} changed, {f.AffectedServices:N0} affected; " +
                    $"alternatives: LibGit2Sharp tree diff {f.TreeDiffRatio:0.00}x, tree walk {f.TreeWalkRatio:0.00}x"),
            ];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
