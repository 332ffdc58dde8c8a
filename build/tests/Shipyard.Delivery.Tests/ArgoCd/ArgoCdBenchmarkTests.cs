using Shipyard.Benchmarks.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>
/// Runs the Argo CD benchmark small against the fake and checks only that figures come out. SHIPYARD_ARGOCD_BENCHMARK_SIZE
/// sets the syncs per mode for a full run by hand, SHIPYARD_ARGOCD_BENCHMARK_OUT a file to append the figures to.
/// </summary>
public sealed class ArgoCdBenchmarkTests
{
    private static int Size => int.TryParse(Environment.GetEnvironmentVariable("SHIPYARD_ARGOCD_BENCHMARK_SIZE"), out var n) ? n : 2;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheBenchmarkMeasuresWatchAndPollInTheSameRun()
    {
        await using var api = await FakeArgoCdApi.StartAsync();
        var scenario = new FakeArgoScenario(api);
        var benchmark = new ArgoCdBenchmark(api.Url, api.Token, scenario) { PollInterval = Size > 2 ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200) };

        var figures = await benchmark.RunAsync(Size, TimeSpan.FromMilliseconds(Size > 2 ? 3000 : 300), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(figures.ToString());
        if (Environment.GetEnvironmentVariable("SHIPYARD_ARGOCD_BENCHMARK_OUT") is { Length: > 0 } file)
            await File.AppendAllTextAsync(file, figures + Environment.NewLine, Ct);
        figures.Iterations.ShouldBe(Size);
        figures.WatchP50Ms.ShouldBeGreaterThan(0);
        figures.PollP50Ms.ShouldBeGreaterThan(0);
        // The overshoot may round to a hair below zero (timer against stopwatch); only that it was measured is checked.
        double.IsFinite(figures.WatchOvershootMs).ShouldBeTrue();
        double.IsFinite(figures.PollOvershootMs).ShouldBeTrue();
    }
}
