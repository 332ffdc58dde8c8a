using System.Diagnostics;

namespace Build.Tests.Cli;

/// <summary>Runs the real scripts; one class so they never compile the build at the same time.</summary>
public static class BuildScriptTests
{
    [Fact]
    public static async Task BuildShHelpRunsTheBuildAsAProcess()
    {
        var root = PipelineRun.RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "build.sh"), ["--help", "--no-logo"])
        {
            // From another folder, as CI scripts often call it.
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, await error);
        (await output).ShouldContain("Deploy -> Push");
    }

    [Fact]
    public static async Task TheHelpStartupBenchmarkProducesItsFigures()
    {
        var root = PipelineRun.RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "build", "benchmarks", "help-startup.sh"), ["1", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, await error);
        var text = await output;
        text.ShouldMatch(@"build\.sh --help \(warm, median of 1\): +\d+ ms");
        text.ShouldMatch(@"dotnet build \+ dotnet run --no-build \(median of 1\): +\d+ ms");
        text.ShouldMatch(@"speed-up over build\+run: [\d.]+x");
    }
}
