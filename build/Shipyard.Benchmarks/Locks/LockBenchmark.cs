using System.Diagnostics;
using Shipyard.Delivery.Locks;

namespace Shipyard.Benchmarks.Locks;

/// <summary>
/// Measures a deploy lock: uncontended acquire and release latency, and throughput when contenders compete, each
/// against an in-process baseline (a <see cref="SemaphoreSlim"/>) measured in the same run, so figures from a loaded
/// machine still compare. Also counts overlaps (two holders at once), which must be zero for an atomic lock.
/// </summary>
public static class LockBenchmark
{
    /// <summary>Runs <paramref name="iterations"/> uncontended acquisitions with the first contender, then
    /// <paramref name="iterations"/> per contender with all of them competing for one key.</summary>
    public static async Task<LockBenchmarkFigures> RunAsync(
        string name, IReadOnlyList<IDeployLock> contenders, int iterations, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contenders.Count, 1);
        var acquire = new List<double>();
        var release = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            var handle = await contenders[0].AcquireAsync("benchmark-solo", cancellationToken);
            acquire.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await handle.DisposeAsync();
            release.Add(watch.Elapsed.TotalMilliseconds);
        }
        var (elapsed, overlaps) = await ContendAsync(contenders.Select(c => (Func<Task<IAsyncDisposable>>)(async () =>
            await c.AcquireAsync("benchmark-contended", cancellationToken))).ToArray(), iterations);

        using var semaphore = new SemaphoreSlim(1, 1);
        var (baseline, _) = await ContendAsync(contenders.Select(_ => (Func<Task<IAsyncDisposable>>)(async () =>
        {
            await semaphore.WaitAsync(cancellationToken);
            return new Releaser(semaphore);
        })).ToArray(), iterations);

        var total = iterations * contenders.Count;
        return new LockBenchmarkFigures(name, contenders.Count, total,
            Percentile(acquire, 0.5), Percentile(acquire, 0.95), Percentile(release, 0.5),
            total / elapsed.TotalSeconds, total / baseline.TotalSeconds, overlaps);
    }

    private static async Task<(TimeSpan Elapsed, int Overlaps)> ContendAsync(IReadOnlyList<Func<Task<IAsyncDisposable>>> acquirers, int iterations)
    {
        var occupied = 0;
        var overlaps = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(acquirers.Select(acquire => Task.Run(async () =>
        {
            for (var i = 0; i < iterations; i++)
            {
                await using var held = await acquire();
                if (Interlocked.Exchange(ref occupied, 1) != 0) Interlocked.Increment(ref overlaps);
                await Task.Yield();
                Interlocked.Exchange(ref occupied, 0);
            }
        })));
        return (watch.Elapsed, overlaps);
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
