using Build.Tests.Platform;

namespace Build.Tests.Benchmarks;

/// <summary>
/// Runs the Benchmark target on the small size with the benchmarks that need no external server, and checks only
/// that the table comes out with a figure, goal and mark per row (timings are not tested).
/// </summary>
public sealed class BenchmarkTargetTests
{
    [Fact]
    public async Task TheSmallBenchmarkPrintsOneTableWithAMarkPerFigure()
    {
        using var root = new TempRoot().CopySamplePlatform();

        var run = await PipelineRun.StartAsync(root.Path, "Benchmark", "--benchmark", "catalog,changes", "--benchmark-size", "small");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldMatch(@"changes: affected set +[\d.]+x `git diff --name-only` .* <= 1\.5x +(PASS|MISS) ");
        run.Output.ShouldMatch(@"catalog: load +first [\d.]+ ms; warm [\d.]+ ms = [\d.]+x folder scan +first load <= 100 ms +(PASS|MISS) ");
        run.Output.ShouldContain("load average (1, 5, 15 min) before -> after:");
        run.Output.ShouldNotContain("help: ");
    }

    [Fact]
    public async Task TheSmallVerifyAndArgoCdBenchmarksRunOnTheFakesWithTheirGoals()
    {
        using var root = new TempRoot().CopySamplePlatform();

        var run = await PipelineRun.StartAsync(root.Path, "Benchmark", "--benchmark", "verify", "--benchmark", "argocd", "--benchmark-size", "small");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldMatch(@"verify: rollout complete → success +\d+ ms \(kubectl rollout status \d+ ms\) +<= 1 s +(PASS|MISS) ");
        run.Output.ShouldMatch(@"verify: first crash loop → failure +\d+ ms \(kubectl timed out after \d+ ms at --timeout=3s\) +<= 2 s +(PASS|MISS) ");
        run.Output.ShouldMatch(@"argocd: Synced\+Healthy → wait returns +watch [\d.]+ ms \(max [\d.]+\) vs poll ≤0\.5 s \d+ ms \(max \d+\) +<= 0\.5 s \(watch, slowest\) +(PASS|MISS) ");
        run.Output.ShouldMatch(@"argocd: deadline → wait returns +watch [+-]\d+ ms, poll ≤0\.5 s [+-]\d+ ms past a 0\.5 s deadline +<= 1 s +(PASS|MISS) ");
        run.Output.ShouldNotContain("changes: ");
    }

    [Fact]
    public async Task AnUnknownBenchmarkNameIsAUsageError()
    {
        using var root = new TempRoot().CopySamplePlatform();

        var run = await PipelineRun.StartAsync(root.Path, "Benchmark", "--benchmark", "catalgo");

        run.ExitCode.ShouldBe(2, run.Output);
        run.Output.ShouldContain("--benchmark does not accept 'catalgo'. Allowed: help, changes, catalog, images, gitops, locks, verify, argocd");
    }
}
