namespace Shipyard.Benchmarks.Verify;

/// <summary>What <see cref="VerifyBenchmark"/> measured, medians over the iterations (ms).</summary>
/// <param name="Iterations">Rollouts per scenario.</param>
/// <param name="SuccessMs">Rollout marked complete → our VerifyAsync returned success.</param>
/// <param name="KubectlSuccessMs">Rollout marked complete → <c>kubectl rollout status</c> exited 0, same rollout.</param>
/// <param name="FailFastMs">First crash-looping pod → our VerifyAsync returned failure.</param>
/// <param name="KubectlCrashLoopMs">First crash-looping pod → kubectl gave up (its whole <c>--timeout</c>: it has no fail-fast).</param>
/// <param name="KubectlTimeout">The <c>--timeout</c> kubectl ran with.</param>
/// <param name="KubectlTimedOut">kubectl ended the crash loop by timing out every time.</param>
public sealed record VerifyBenchmarkFigures(
    int Iterations, double SuccessMs, double KubectlSuccessMs, double FailFastMs, double KubectlCrashLoopMs, TimeSpan KubectlTimeout, bool KubectlTimedOut)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"verify: success {SuccessMs:0} ms after completion (kubectl {KubectlSuccessMs:0} ms); crash loop failed {FailFastMs:0} ms after the first crash " +
        $"(kubectl {(KubectlTimedOut ? "timed out" : "exited")} after {KubectlCrashLoopMs:0} ms with --timeout={KubectlTimeout.TotalSeconds:0}s); {Iterations} iterations";
}
