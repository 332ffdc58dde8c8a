using System.Diagnostics;
using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Benchmarks.ArgoCd;

/// <summary>
/// Measures how late the Argo CD waits notice success, and how far past its deadline a hopeless wait runs: watching
/// the stream and polling, alternated in the same run so a loaded machine weighs on both alike. Uses the real client
/// against whatever server <see cref="IArgoCdBenchmarkScenario"/> drives.
/// </summary>
public sealed class ArgoCdBenchmark(Uri server, string token, IArgoCdBenchmarkScenario scenario)
{
    /// <summary>Longest poll pause, as in production.</summary>
    public TimeSpan PollInterval { get; init; } = new ArgoCdOptions { Server = server, Token = token }.PollInterval;

    /// <summary>Runs <paramref name="iterations"/> syncs per mode, then one hopeless wait per mode with <paramref name="deadline"/>.</summary>
    public async Task<ArgoCdBenchmarkFigures> RunAsync(int iterations, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var latencies = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        for (var i = 0; i < iterations; i++)
            foreach (var watch in new[] { i % 2 == 0, i % 2 != 0 })
            {
                var (application, revision) = await scenario.ArrangeAsync(latencies.Sum(l => l.Value.Count), reachable: true, cancellationToken);
                await Argo(watch, TimeSpan.FromMinutes(5)).SyncAsync(application, revision, null, cancellationToken);
                var returned = Stopwatch.GetTimestamp();
                var live = scenario.SyncedAndHealthyAt(application, revision)
                    ?? throw new InvalidOperationException($"The scenario never marked {application} Synced and Healthy at {revision}.");
                latencies[watch].Add(Stopwatch.GetElapsedTime(live, returned).TotalMilliseconds);
            }

        var overshoot = new Dictionary<bool, double>();
        foreach (var watch in new[] { true, false })
        {
            var (application, revision) = await scenario.ArrangeAsync(2 * iterations + (watch ? 0 : 1), reachable: false, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Argo(watch, deadline).WaitHealthyAsync(application, revision, null, TimeProvider.System.GetUtcNow() + deadline, cancellationToken);
                throw new InvalidOperationException($"The scenario made {application} healthy at {revision}, which it must not for the deadline run.");
            }
            catch (ArgoCdFailedException)
            {
                overshoot[watch] = (Stopwatch.GetElapsedTime(started) - deadline).TotalMilliseconds;
            }
        }

        return new ArgoCdBenchmarkFigures(iterations, PollInterval,
            Percentile(latencies[true], 0.5), latencies[true].Max(), Percentile(latencies[false], 0.5), latencies[false].Max(),
            overshoot[true], overshoot[false]);
    }

    private ArgoCdSync Argo(bool watch, TimeSpan timeout)
    {
        var options = new ArgoCdOptions { Server = server, Token = token, Watch = watch, PollInterval = PollInterval, Timeout = timeout };
        return new ArgoCdSync(new ArgoCdClient(new HttpClient(), server, token), options, TimeProvider.System, TextWriter.Null);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
