using System.Diagnostics;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Benchmarks.Verify;

/// <summary>
/// Reaction times of Verify against <c>kubectl rollout status</c> on the same rollouts in the same run: from the
/// moment the cluster marks the rollout complete to the verdict, and from the first crash-looping pod to the failure.
/// kubectl has no pod-level fail-fast, so on the crash loop it waits for its whole timeout.
/// </summary>
public static class VerifyBenchmark
{
    /// <summary>
    /// Runs <paramref name="iterations"/> successful and crash-looping rollouts from <paramref name="stage"/>
    /// (its argument: true for a crash loop), each watched by our verifier and by kubectl at once.
    /// </summary>
    public static async Task<VerifyBenchmarkFigures> RunAsync(
        Func<bool, CancellationToken, Task<IBenchmarkRollout>> stage, int iterations, TimeSpan kubectlTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var (success, kubectlSuccess, failFast, kubectlCrash) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var timedOut = true;
        for (var i = 0; i < iterations; i++)
        {
            var ok = await OnceAsync(stage, crashLoop: false, kubectlTimeout, cancellationToken);
            success.Add(ok.Ours);
            kubectlSuccess.Add(ok.Kubectl);
            var crash = await OnceAsync(stage, crashLoop: true, kubectlTimeout, cancellationToken);
            failFast.Add(crash.Ours);
            kubectlCrash.Add(crash.Kubectl);
            timedOut &= crash.KubectlExit != 0 && crash.KubectlOutput.Contains("timed out", StringComparison.Ordinal);
        }
        return new VerifyBenchmarkFigures(iterations, Median(success), Median(kubectlSuccess), Median(failFast), Median(kubectlCrash), kubectlTimeout, timedOut);
    }

    private static async Task<(double Ours, double Kubectl, int KubectlExit, string KubectlOutput)> OnceAsync(
        Func<bool, CancellationToken, Task<IBenchmarkRollout>> stage, bool crashLoop, TimeSpan kubectlTimeout, CancellationToken cancellationToken)
    {
        await using var rollout = await stage(crashLoop, cancellationToken);
        var request = rollout.Request;
        var play = rollout.PlayAsync(cancellationToken); // writes the new template first, as a sync would
        var kubectl = TimedAsync(() => new ProcessRunner(TextWriter.Null, s => s).RunAsync("kubectl",
            ["--kubeconfig", rollout.KubeconfigPath, "--cache-dir", Path.Combine(Path.GetDirectoryName(rollout.KubeconfigPath)!, "cache"), "rollout", "status", $"{request.Kind.ToString().ToLowerInvariant()}/{request.Name}",
                "-n", request.Namespace, $"--timeout={(int)Math.Ceiling(kubectlTimeout.TotalSeconds)}s"],
            new ProcessOptions { Echo = false, Check = false }, cancellationToken));
        var ours = TimedAsync(() => RolloutVerifiers.Kubernetes(rollout.Cluster, TimeProvider.System).VerifyAsync(request, cancellationToken));
        var moment = await play;
        var (outcome, oursAt) = await ours;
        if (outcome.Succeeded == crashLoop)
            throw new InvalidOperationException($"the benchmark's {(crashLoop ? "crash loop" : "rollout")} gave the wrong verdict: {outcome.Summary}");
        var (result, kubectlAt) = await kubectl;
        return (Ms(moment, oursAt), Ms(moment, kubectlAt), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    private static async Task<(T Result, long At)> TimedAsync<T>(Func<Task<T>> run)
    {
        var result = await run();
        return (result, Stopwatch.GetTimestamp());
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
