using k8s;
using Shipyard.Delivery.Clusters;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>
/// Runs the Verify benchmark small and checks that figures come out and kubectl timed out on the crash loop.
/// SHIPYARD_VERIFY_BENCHMARK_OUT names a file to append the figures to (a run by hand).
/// </summary>
public sealed class VerifyBenchmarkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FakeRollout(RolloutRun run, RolloutScript script) : IBenchmarkRollout
    {
        public KubernetesClientConfiguration Cluster { get; } =
            KubernetesAccess.Resolve(new Dictionary<string, string> { ["KUBECONFIG"] = run.Kubeconfig }).Configuration!;

        public string KubeconfigPath => run.Kubeconfig;

        public VerifyRequest Request => run.Request(script, TimeSpan.FromSeconds(60));

        public async Task<long> PlayAsync(CancellationToken cancellationToken)
        {
            await run.Scenario.RunAsync(script, cancellationToken);
            return script == RolloutScript.CrashLoop ? run.Scenario.FirstCrashAt : run.Scenario.CompletedAt;
        }

        public ValueTask DisposeAsync() => run.DisposeAsync();
    }

    [Fact]
    public async Task TheBenchmarkMeasuresBothScenariosAgainstKubectl()
    {
        var figures = await VerifyBenchmark.RunAsync(async (crash, _) =>
        {
            var script = crash ? RolloutScript.CrashLoop : RolloutScript.Success;
            return new FakeRollout(await RolloutRun.StartAsync(script, TimeSpan.FromMilliseconds(100)), script);
        }, iterations: 1, kubectlTimeout: TimeSpan.FromSeconds(3), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(figures.ToString());
        if (Environment.GetEnvironmentVariable("SHIPYARD_VERIFY_BENCHMARK_OUT") is { Length: > 0 } file)
            await File.AppendAllTextAsync(file, figures + Environment.NewLine, Ct);
        figures.Iterations.ShouldBe(1);
        figures.SuccessMs.ShouldBeGreaterThan(0);
        figures.KubectlSuccessMs.ShouldBeGreaterThan(0);
        figures.FailFastMs.ShouldBeGreaterThan(0);
        figures.KubectlTimedOut.ShouldBeTrue();
    }
}
