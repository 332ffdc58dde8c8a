using Shipyard.Benchmarks;
using Shipyard.Engine;

// Benchmark: composes the suite from Shipyard.Benchmarks and shows its table; the measurements live there.
partial class Pipeline
{
    /// <summary>How big the benchmark inputs are: <c>Small</c> is a smoke run, <c>Full</c> the sizes the goals are set for.</summary>
    internal enum BenchmarkScale { Small, Full }

    [Parameter("Benchmark and Reliability: input sizes, small (a smoke run) or full (1,000 services / 100,000 files, 20 concurrent deploys ...)")]
    readonly BenchmarkScale BenchmarkSize = BenchmarkScale.Full;

    [Parameter("Benchmark: which to run (help, changes, catalog, images, gitops, locks, verify, argocd; repeat or comma-separate); default: all", Name = "benchmark")]
    readonly string[] BenchmarkSelection = [];

    Target Benchmark => _ => _
        .Description("Measures the build's speed against baselines run in the same process: --help startup, change detection, catalog load, tag pushes, GitOps concurrency, deploy locks, Verify and Argo CD reaction times")
        .Executes(async context =>
        {
            var report = await BenchmarkSuite.Create(BenchmarkSettings(), context.Output).RunAsync(SelectedBenchmarks(), context.CancellationToken);
            foreach (var row in report.Rows) context.Fact(row.Name, $"{row.Figure} ({row.Mark})");
            await context.Output.WriteAsync(report.Table(markdown: false));
            context.Host.AppendSummary(report.Table(markdown: true));
            context.Note(report.Summary);
            if (report.NotRun is { Count: > 0 } notRun)
                throw new BuildFailedException($"Benchmark could not run {string.Join(", ", notRun.Select(r => r.Name))}: " +
                    $"{string.Join("; ", notRun.Select(r => r.Detail.TrimEnd('.')))}. Install what is missing and run it again.");
        });

    /// <summary>The BenchmarkChanges target of earlier versions: the change-detection benchmark alone.</summary>
    Target BenchmarkChanges => _ => _
        .Description("Times change detection on a generated 100,000-file monorepo against git diff --name-only")
        .Unlisted()
        .Executes(async context =>
        {
            var report = await BenchmarkSuite.Create(BenchmarkSettings(), context.Output).RunAsync(["changes"], context.CancellationToken);
            var row = report.Rows[0];
            if (row.Met is null) throw new BuildFailedException($"The change-detection benchmark could not run: {row.Detail.TrimEnd('.')}. Install what is missing and run it again.");
            context.Note($"{row.Figure} (goal {row.Goal}: {row.Mark})");
        });

    BenchmarkSettings BenchmarkSettings() => new()
    {
        RootDirectory = RootDirectory,
        Full = BenchmarkSize == BenchmarkScale.Full,
        Cluster = Cluster.Configuration,
        LeaseNamespace = LockNamespace,
        Mask = Mask,
        Time = Time,
    };

    string[] SelectedBenchmarks()
    {
        var names = BenchmarkSelection.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToLowerInvariant()).ToArray();
        if (names.FirstOrDefault(n => !BenchmarkSuite.Names.Contains(n)) is { } unknown)
            throw new UsageException($"--benchmark does not accept '{unknown}'. Allowed: {string.Join(", ", BenchmarkSuite.Names)}");
        return names;
    }
}
