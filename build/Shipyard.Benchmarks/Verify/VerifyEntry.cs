namespace Shipyard.Benchmarks.Verify;

/// <summary>
/// The suite's Verify rows: <see cref="VerifyBenchmark"/> on scripted rollouts of the fake API server, ours against
/// real <c>kubectl rollout status</c> on the same rollout. kubectl has no pod-level fail-fast, so on the crash loop it
/// runs to its <c>--timeout</c> (kept short here; in a cluster that is the progress deadline, 600 s by default).
/// </summary>
internal sealed class VerifyEntry(BenchmarkSettings settings, TextWriter output) : IBenchmark
{
    public string Name => "verify";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var (iterations, kubectlTimeout) = settings.Full ? (5, TimeSpan.FromSeconds(10)) : (1, TimeSpan.FromSeconds(3));
        var f = await VerifyBenchmark.RunAsync(async (crash, _) => await FakeClusterRollout.StartAsync(crash, TimeSpan.FromMilliseconds(100)),
            iterations, kubectlTimeout, cancellationToken);
        await output.WriteLineAsync(f.ToString());
        var detail = $"median of {iterations}; fake API server, same rollout watched by both at once";
        return
        [
            new("verify: rollout complete → success", $"{f.SuccessMs:0} ms (kubectl rollout status {f.KubectlSuccessMs:0} ms)", "<= 1 s",
                f.SuccessMs <= 1000, detail),
            new("verify: first crash loop → failure", $"{f.FailFastMs:0} ms (kubectl {(f.KubectlTimedOut ? "timed out" : "exited")} " +
                $"after {f.KubectlCrashLoopMs:0} ms at --timeout={kubectlTimeout.TotalSeconds:0}s)", "<= 2 s", f.FailFastMs <= 2000,
                $"{detail}; kubectl has no fail-fast: it waits for the progress deadline (600 s default)"),
        ];
    }
}
