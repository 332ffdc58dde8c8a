namespace Shipyard.Benchmarks.ArgoCd;

/// <summary>The Argo CD server side of <see cref="ArgoCdBenchmark"/> (an in-process fake, or a test instance).</summary>
public interface IArgoCdBenchmarkScenario
{
    /// <summary>
    /// Prepares a fresh application and the revision to wait for: with <paramref name="reachable"/> it becomes Synced
    /// and Healthy at that revision some time after a sync is requested; without, it never does.
    /// </summary>
    Task<(string Application, string Revision)> ArrangeAsync(int iteration, bool reachable, CancellationToken cancellationToken);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the server first showed the application Synced and Healthy at the revision.</summary>
    long? SyncedAndHealthyAt(string application, string revision);
}
