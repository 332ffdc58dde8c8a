using Shipyard.Benchmarks.Locks;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Locks;

/// <summary>
/// Runs the lock benchmark on a tiny size and checks only that figures come out. SHIPYARD_LOCK_BENCHMARK_SIZE sets
/// the iterations for a full run by hand, SHIPYARD_LOCK_BENCHMARK_OUT a file to append the figures to.
/// </summary>
public sealed class LockBenchmarkTests
{
    private static int Size => int.TryParse(Environment.GetEnvironmentVariable("SHIPYARD_LOCK_BENCHMARK_SIZE"), out var n) ? n : 3;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Appends the figures to SHIPYARD_LOCK_BENCHMARK_OUT when set (a full run by hand), and to the test output.</summary>
    private static async Task ReportAsync(LockBenchmarkFigures figures)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(figures.ToString());
        if (Environment.GetEnvironmentVariable("SHIPYARD_LOCK_BENCHMARK_OUT") is { Length: > 0 } file)
            await File.AppendAllTextAsync(file, figures + Environment.NewLine, Ct);
    }

    private static LockOptions Options(string holder) =>
        new() { Holder = holder, Ttl = TimeSpan.FromSeconds(30), RetryInterval = TimeSpan.FromMilliseconds(2), AcquireTimeout = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task TheLeaseBenchmarkProducesFigures()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        var contenders = new[] { "a", "b" }.Select(h =>
            (IDeployLock)new DeployLock(new LeaseLockStore(api.CreateClient(), "deploy"), Options(h), TimeProvider.System, TextWriter.Null)).ToArray();

        var figures = await LockBenchmark.RunAsync("lease (fake API server)", contenders, Size, Ct);

        await ReportAsync(figures);
        figures.ContendedAcquisitions.ShouldBe(2 * Size);
        figures.AcquireP50Ms.ShouldBeGreaterThan(0);
        figures.AcquisitionsPerSecond.ShouldBeGreaterThan(0);
        figures.Overlaps.ShouldBe(0);
    }

    [Fact]
    public async Task TheGitRefBenchmarkProducesFigures()
    {
        var root = Directory.CreateTempSubdirectory("lock-bench-").FullName;
        var git = new ProcessRunner(TextWriter.Null, s => s);
        await git.RunAsync("git", ["init", "--quiet", "--bare", Path.Combine(root, "r.git")], cancellationToken: Ct);
        var stores = new[] { new GitRefLockStore(git, Path.Combine(root, "r.git"), null), new GitRefLockStore(git, Path.Combine(root, "r.git"), null) };
        try
        {
            var contenders = stores.Select((s, i) => (IDeployLock)new DeployLock(s, Options($"run-{i}"), TimeProvider.System, TextWriter.Null)).ToArray();

            var figures = await LockBenchmark.RunAsync("git-ref (bare repository)", contenders, Size, Ct);

            await ReportAsync(figures);
            figures.ContendedAcquisitions.ShouldBe(2 * Size);
            figures.AcquireP50Ms.ShouldBeGreaterThan(0);
            figures.Overlaps.ShouldBe(0);
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }
}
