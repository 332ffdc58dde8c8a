using Shipyard.Benchmarks.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>
/// Runs the Verify benchmark small on the suite's own staging (the fake API server) and checks that figures come out
/// and kubectl timed out on the crash loop. SHIPYARD_VERIFY_BENCHMARK_OUT names a file to append the figures to (a run by hand).
/// </summary>
public sealed class VerifyBenchmarkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheBenchmarkMeasuresBothScenariosAgainstKubectl()
    {
        var figures = await VerifyBenchmark.RunAsync(async (crash, _) => await FakeClusterRollout.StartAsync(crash, TimeSpan.FromMilliseconds(100)),
            iterations: 1, kubectlTimeout: TimeSpan.FromSeconds(3), Ct);

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
