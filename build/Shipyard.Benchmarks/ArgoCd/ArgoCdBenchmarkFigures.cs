namespace Shipyard.Benchmarks.ArgoCd;

/// <summary>What <see cref="ArgoCdBenchmark"/> measured, watch and poll in the same run.</summary>
/// <param name="Iterations">Syncs measured per mode.</param>
/// <param name="PollInterval">The longest poll pause (each is drawn between half of it and all of it).</param>
/// <param name="WatchP50Ms">Median time from the server showing Synced+Healthy at the revision to the wait returning, watching (ms).</param>
/// <param name="WatchMaxMs">The slowest of those, watching (ms).</param>
/// <param name="PollP50Ms">Median of the same, polling (ms).</param>
/// <param name="PollMaxMs">The slowest, polling (ms).</param>
/// <param name="WatchOvershootMs">How long after its deadline a wait that cannot succeed returned, watching (ms).</param>
/// <param name="PollOvershootMs">The same, polling (ms).</param>
public sealed record ArgoCdBenchmarkFigures(
    int Iterations, TimeSpan PollInterval, double WatchP50Ms, double WatchMaxMs, double PollP50Ms, double PollMaxMs, double WatchOvershootMs, double PollOvershootMs)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"argocd: Synced+Healthy → wait returned, watch p50 {WatchP50Ms:0.0} ms (max {WatchMaxMs:0.0}), " +
        $"poll ≤{PollInterval.TotalSeconds:0.#} s p50 {PollP50Ms:0.0} ms (max {PollMaxMs:0.0}), {Iterations} syncs each; " +
        $"deadline overshoot watch {WatchOvershootMs:0.0} ms, poll {PollOvershootMs:0.0} ms";
}
