using Shipyard.Benchmarks.GitOps;
using Shipyard.Benchmarks.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Records;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>
/// Gathers the reliability figures: runs each asked-for kind's tests (which record figures into a file named by
/// <see cref="RecordedFigures.Variable"/>), for concurrency also the Benchmark suite's racing-jobs and
/// lock-contention benchmarks across OS processes, and reads the orchestration overhead of the newest saved Deploy run.
/// Scratch files go to <c>.nuke/temp/reliability</c>.
/// </summary>
public sealed class ReliabilitySuite
{
    private readonly BenchmarkSettings _settings;
    private readonly ReliabilityTestRun _tests;
    private readonly TextWriter _output;
    private readonly string _folder;

    private ReliabilitySuite(BenchmarkSettings settings, ReliabilityTestRun tests, TextWriter output, string folder) =>
        (_settings, _tests, _output, _folder) = (settings, tests, output, folder);

    /// <summary>
    /// The suite of the repository at <paramref name="settings"/>' root; <paramref name="runner"/> runs dotnet (its output
    /// streams to its log), <paramref name="testEnvironment"/> is added to the tests' environment.
    /// </summary>
    public static ReliabilitySuite Create(BenchmarkSettings settings, ProcessRunner runner, IReadOnlyDictionary<string, string?> testEnvironment, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = Path.Combine(settings.RootDirectory, ".nuke", "temp", "reliability");
        var environment = new Dictionary<string, string?>(testEnvironment) { [RecordedFigures.Variable] = Path.Combine(folder, "figures.tsv") };
        return new ReliabilitySuite(settings, new ReliabilityTestRun(runner, settings.RootDirectory, environment), output, folder);
    }

    /// <summary>Runs <paramref name="kinds"/> (see <see cref="ReliabilityKinds.Select"/>) and returns the report.</summary>
    public async Task<ReliabilityReport> RunAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        var loadBefore = BenchmarkSuite.LoadAverage();
        if (kinds.Contains(ReliabilityKinds.Faults) && InterruptCheck.Warning() is { } warning) await _output.WriteLineAsync(warning);
        var figures = Path.Combine(_folder, "figures.tsv");
        Directory.CreateDirectory(_folder);
        File.Delete(figures);
        await _tests.BuildAsync(cancellationToken);
        var tests = new Dictionary<string, TestOutcomes>();
        foreach (var kind in kinds)
        {
            await _output.WriteLineAsync($"--- reliability: {kind} tests ---");
            tests[kind] = await _tests.RunAsync(kind, Path.Combine(_folder, kind), cancellationToken);
            await _output.WriteLineAsync($"--- {kind}: {tests[kind].Text} ---");
        }
        var benchmarks = kinds.Contains(ReliabilityKinds.Concurrency) ? await ConcurrencyBenchmarksAsync(cancellationToken) : [];
        return ReliabilityReport.Of(new ReliabilityInputs
        {
            Kinds = kinds,
            Tests = tests,
            Figures = RecordedFigures.Read(figures),
            Benchmarks = benchmarks,
            Deploy = SavedRuns.Of(_settings.RootDirectory).Newest(r => r.Succeeded("Deploy")),
            Load = $"{loadBefore} → {BenchmarkSuite.LoadAverage()}",
        });
    }

    // The Benchmark suite's own entries, so both reports measure the same way; one that cannot run becomes a row saying why.
    private async Task<IReadOnlyList<BenchmarkRow>> ConcurrencyBenchmarksAsync(CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        await _output.WriteLineAsync("--- reliability: racing GitOps jobs (processes) ---");
        rows.AddRange(await OrNotRunAsync("gitops: racing jobs (processes)", () => new GitOpsEntry(_settings, _output).RacingJobsAsync(cancellationToken), cancellationToken));
        await _output.WriteLineAsync("--- reliability: lock contention (processes) ---");
        var root = Directory.CreateTempSubdirectory("shipyard-reliability-locks-").FullName;
        try
        {
            rows.AddRange(await OrNotRunAsync("locks: double holders across processes",
                async () => [await new LocksEntry(_settings, _output).ProcessTrialsAsync(root, cancellationToken)], cancellationToken));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return rows;
    }

    private static async Task<IReadOnlyList<BenchmarkRow>> OrNotRunAsync(string name, Func<Task<IReadOnlyList<BenchmarkRow>>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [BenchmarkRow.NotRun(name, e.Message)];
        }
    }
}
