using k8s;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;

namespace Shipyard.Benchmarks.Locks;

/// <summary>
/// The suite's lock rows: the git-ref lock on a local bare repository, and the Lease lock only against a configured
/// cluster (a Lease on the fake API server would time the fake, not a cluster's consistency).
/// </summary>
internal sealed class LocksEntry(BenchmarkSettings settings, TextWriter output) : IBenchmark
{
    public string Name => "locks";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var (contenders, iterations) = settings.Full ? (4, 10) : (2, 3);
        var runner = new ProcessRunner(TextWriter.Null, s => s);
        var root = Directory.CreateTempSubdirectory("shipyard-lock-benchmark-").FullName;
        var stores = Enumerable.Range(0, contenders).Select(_ => new GitRefLockStore(runner, Path.Combine(root, "gitops.git"), null)).ToArray();
        var rows = new List<BenchmarkRow>();
        try
        {
            await runner.RunAsync("git", ["init", "--quiet", "--bare", Path.Combine(root, "gitops.git")], new ProcessOptions { Echo = false }, cancellationToken);
            rows.Add(Row(await LockBenchmark.RunAsync("git-ref (local bare repository)",
                [.. stores.Select((s, i) => (IDeployLock)new DeployLock(s, Options(i), settings.Time, TextWriter.Null))], iterations, cancellationToken)));
            rows.Add(await ProcessTrialsAsync(root, cancellationToken));
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
            Directory.Delete(root, recursive: true);
        }
        if (settings.Cluster is not { } cluster)
            return [.. rows, BenchmarkRow.NotRun("locks: lease",
                "no Kubernetes cluster configured (KUBECONFIG, ~/.kube/config, in-cluster); a Lease on the fake API server would time the fake", optional: true)];
        var leases = Enumerable.Range(0, contenders).Select(i =>
            (IDeployLock)new DeployLock(new LeaseLockStore(new Kubernetes(cluster), settings.LeaseNamespace), Options(i), settings.Time, TextWriter.Null)).ToArray();
        rows.Add(Row(await LockBenchmark.RunAsync("lease (configured cluster)", leases, iterations, cancellationToken)));
        return rows;
    }

    /// <summary>
    /// The git-ref lock taken by separate OS processes, as separate CI jobs contend (1,000 acquisitions in the full run),
    /// on a bare repository made in <paramref name="root"/> or already there: the row the Reliability report shows too.
    /// </summary>
    internal async Task<BenchmarkRow> ProcessTrialsAsync(string root, CancellationToken cancellationToken)
    {
        var remote = Path.Combine(root, "gitops.git");
        if (!Directory.Exists(remote))
            await new ProcessRunner(TextWriter.Null, s => s).RunAsync("git", ["init", "--quiet", "--bare", remote], new ProcessOptions { Echo = false }, cancellationToken);
        var (processes, trials) = settings.Full ? (4, 250) : (2, 10);
        var t = await new LockProcessBenchmark(await ContenderCommand.BuildAsync(settings, output, cancellationToken)).RunAsync(
            "git-ref (local bare repository)", "git-ref", remote, processes, trials, root, cancellationToken);
        await output.WriteLineAsync(t.ToString());
        return new($"locks: git-ref, {processes} processes", $"{t.DoubleHolders} double holders in {t.Trials} acquisitions", "0 double holders",
            t.DoubleHolders == 0, $"{t.Wall.TotalSeconds:0.0} s, {t.Trials / t.Wall.TotalSeconds:0.0} acquisitions/s");
    }

    private static LockOptions Options(int i) =>
        new() { Holder = $"benchmark-{i}", Ttl = TimeSpan.FromSeconds(30), RetryInterval = TimeSpan.FromMilliseconds(20) };

    private static BenchmarkRow Row(LockBenchmarkFigures f) => new($"locks: {f.Lock}",
        $"{f.SlowdownVsBaseline:0}x slower than an in-process semaphore; {f.Overlaps} overlaps",
        "0 overlaps", f.Overlaps == 0,
        $"acquire p50 {f.AcquireP50Ms:0.0} ms, p95 {f.AcquireP95Ms:0.0} ms, release p50 {f.ReleaseP50Ms:0.0} ms; {f.Contenders} contenders: {f.AcquisitionsPerSecond:0.0}/s");
}
