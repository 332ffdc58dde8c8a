using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Benchmarks.ArgoCd;

/// <summary>
/// The suite's Argo CD rows: <see cref="ArgoCdBenchmark"/> on the fake Argo CD, watching the stream against polling
/// (production's interval on the full size), alternated in the same run.
/// </summary>
internal sealed class ArgoCdEntry(BenchmarkSettings settings, TextWriter output) : IBenchmark
{
    public string Name => "argocd";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var (iterations, deadline) = settings.Full ? (10, TimeSpan.FromSeconds(3)) : (2, TimeSpan.FromMilliseconds(500));
        await using var api = await FakeArgoCdApi.StartAsync();
        var scenario = new FakeArgoScenario(api);
        // Full: production's poll interval, the baseline the watch is held against; small: a shorter one, to be quick.
        var benchmark = settings.Full
            ? new ArgoCdBenchmark(api.Url, api.Token, scenario)
            : new ArgoCdBenchmark(api.Url, api.Token, scenario) { PollInterval = TimeSpan.FromMilliseconds(500) };
        var f = await benchmark.RunAsync(iterations, deadline, cancellationToken);
        await output.WriteLineAsync(f.ToString());
        var poll = $"poll ≤{f.PollInterval.TotalSeconds:0.#} s";
        return
        [
            new("argocd: Synced+Healthy → wait returns", $"watch {f.WatchP50Ms:0.0} ms (max {f.WatchMaxMs:0.0}) vs {poll} {f.PollP50Ms:0} ms (max {f.PollMaxMs:0})",
                "<= 0.5 s (watch, slowest)", f.WatchMaxMs <= 500, $"p50 of {iterations} syncs per mode, alternated; fake Argo CD stream endpoint"),
            new("argocd: deadline → wait returns", $"watch {f.WatchOvershootMs:+0;-0;+0} ms, {poll} {f.PollOvershootMs:+0;-0;+0} ms past a {deadline.TotalSeconds:0.#} s deadline",
                "<= 1 s", Math.Max(f.WatchOvershootMs, f.PollOvershootMs) <= 1000, "an application that never reaches the revision"),
        ];
    }
}
