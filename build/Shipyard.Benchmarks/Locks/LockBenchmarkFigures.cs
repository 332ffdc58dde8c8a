namespace Shipyard.Benchmarks.Locks;

/// <summary>What <see cref="LockBenchmark"/> measured.</summary>
/// <param name="Lock">Which lock (e.g. <c>lease (fake API)</c>).</param>
/// <param name="Contenders">How many contenders competed.</param>
/// <param name="ContendedAcquisitions">Acquisitions in the contended phase.</param>
/// <param name="AcquireP50Ms">Uncontended acquire latency, median (ms).</param>
/// <param name="AcquireP95Ms">Uncontended acquire latency, 95th percentile (ms).</param>
/// <param name="ReleaseP50Ms">Release latency, median (ms).</param>
/// <param name="AcquisitionsPerSecond">Contended throughput.</param>
/// <param name="BaselinePerSecond">The same loop on an in-process semaphore.</param>
/// <param name="Overlaps">Times two contenders held the lock at once (must be 0).</param>
public sealed record LockBenchmarkFigures(
    string Lock,
    int Contenders,
    int ContendedAcquisitions,
    double AcquireP50Ms,
    double AcquireP95Ms,
    double ReleaseP50Ms,
    double AcquisitionsPerSecond,
    double BaselinePerSecond,
    int Overlaps)
{
    /// <summary>How many times slower than the in-process baseline.</summary>
    public double SlowdownVsBaseline => AcquisitionsPerSecond <= 0 ? double.PositiveInfinity : BaselinePerSecond / AcquisitionsPerSecond;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Lock}: acquire p50 {AcquireP50Ms:0.0} ms, p95 {AcquireP95Ms:0.0} ms, release p50 {ReleaseP50Ms:0.0} ms; " +
        $"{Contenders} contenders: {AcquisitionsPerSecond:0.0} acquisitions/s ({ContendedAcquisitions} total, baseline {BaselinePerSecond:0} /s, " +
        $"{SlowdownVsBaseline:0}x slower), overlaps {Overlaps}";
}
