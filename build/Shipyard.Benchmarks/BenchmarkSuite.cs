using System.Diagnostics;
using Shipyard.Benchmarks.ArgoCd;
using Shipyard.Benchmarks.Catalog;
using Shipyard.Benchmarks.Changes;
using Shipyard.Benchmarks.GitOps;
using Shipyard.Benchmarks.Help;
using Shipyard.Benchmarks.Images;
using Shipyard.Benchmarks.Locks;
using Shipyard.Benchmarks.Verify;

namespace Shipyard.Benchmarks;

/// <summary>
/// Runs the selected benchmarks one after another (never in parallel: each timing has the machine to itself) and
/// collects their rows; a benchmark that cannot run becomes a "not run" row with the reason instead of ending the suite.
/// </summary>
public sealed class BenchmarkSuite
{
    private readonly IReadOnlyList<IBenchmark> _benchmarks;
    private readonly TextWriter _output;
    private readonly string _size;

    private BenchmarkSuite(IReadOnlyList<IBenchmark> benchmarks, TextWriter output, bool full) =>
        (_benchmarks, _output, _size) = (benchmarks, output, full ? "full" : "small");

    /// <summary>Every benchmark's name, in the order they run.</summary>
    public static IReadOnlyList<string> Names { get; } = ["help", "changes", "catalog", "images", "gitops", "locks", "verify", "argocd"];

    /// <summary>The suite; progress and the measurements' own lines go to <paramref name="output"/>.</summary>
    public static BenchmarkSuite Create(BenchmarkSettings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IBenchmark[] all =
        [
            new HelpStartupEntry(settings, output), new ChangesEntry(settings, output), new CatalogEntry(settings),
            new ImagesEntry(settings, output), new GitOpsEntry(settings, output), new LocksEntry(settings, output),
            new VerifyEntry(settings, output), new ArgoCdEntry(settings, output),
        ];
        return new BenchmarkSuite(all, output, settings.Full);
    }

    /// <summary>Runs the benchmarks named in <paramref name="names"/> (all when empty), in <see cref="Names"/> order.</summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="Names"/> (the caller validates user input first).</exception>
    public async Task<BenchmarkReport> RunAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.FirstOrDefault(n => !Names.Contains(n)) is { } unknown)
            throw new ArgumentException($"No benchmark is called '{unknown}'.", nameof(names));
        var loadBefore = LoadAverage();
        var rows = new List<BenchmarkRow>();
        foreach (var benchmark in _benchmarks.Where(b => names.Count == 0 || names.Contains(b.Name)))
            rows.AddRange(await RunOneAsync(benchmark, cancellationToken));
        return new BenchmarkReport(rows, $"{loadBefore} → {LoadAverage()}", Environment.ProcessorCount);
    }

    private async Task<IReadOnlyList<BenchmarkRow>> RunOneAsync(IBenchmark benchmark, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync($"--- benchmark {benchmark.Name} ({_size}) ---");
        var watch = Stopwatch.StartNew();
        try
        {
            return await benchmark.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [BenchmarkRow.NotRun(benchmark.Name, e.Message)];
        }
        finally
        {
            await _output.WriteLineAsync($"--- {benchmark.Name} done in {watch.Elapsed.TotalSeconds:F1} s ---");
        }
    }

    /// <summary>The load average (1, 5, 15 min), or n/a where /proc/loadavg is missing.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
