namespace Shipyard.Benchmarks.Locks;

using Shipyard.Delivery.Locks;

/// <summary>What <see cref="LockProcessBenchmark"/> measured.</summary>
/// <param name="Lock">Which lock (e.g. <c>git-ref (local bare repository)</c>).</param>
/// <param name="Processes">Contending OS processes.</param>
/// <param name="Trials">Acquisitions made, summed over the processes.</param>
/// <param name="DoubleHolders">Times a process held the lock while another did too (must be 0).</param>
/// <param name="Wall">Wall time of all trials.</param>
public sealed record LockTrialFigures(string Lock, int Processes, int Trials, int DoubleHolders, TimeSpan Wall)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Lock}: {Trials} acquisitions by {Processes} separate processes, {DoubleHolders} double holders, " +
        $"{Wall.TotalSeconds:0.0} s ({Trials / Wall.TotalSeconds:0.0}/s)";
}
