using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Processes;

public sealed class ToolTimesTests
{
    private static ToolInterval At(string tool, double start, double end) => new(tool, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));

    [Fact]
    public void ParallelRunsOfToolsCountOnceInTheTimeInToolsAndOurOwnTimeIsTheRest()
    {
        // Two services' tests in parallel (0–6 and 1–7), a build (8–9.5), git inside the build (9–10).
        var summary = ToolTimeSummary.Of([At("dotnet", 0, 6), At("dotnet", 1, 7), At("buildah", 8, 9.5), At("git", 9, 10)], TimeSpan.FromSeconds(10));

        summary.InTools.ShouldBe(TimeSpan.FromSeconds(9));
        summary.Own.ShouldBe(TimeSpan.FromSeconds(1));
        summary.OwnPercent.ShouldBe(10.0);
        summary.ByTool.ShouldBe([
            new("dotnet", TimeSpan.FromSeconds(7)), new("buildah", TimeSpan.FromSeconds(1.5)), new("git", TimeSpan.FromSeconds(1)),
        ]);
        summary.Line.ShouldBe("Time: 10.0 s wall; 9.0 s in tools (dotnet 7.0 s, buildah 1.5 s, git 1.0 s); own 1.0 s (10.0 %)");
    }

    [Fact]
    public void IntervalsOutsideTheRunAreClippedToIt()
    {
        var summary = ToolTimeSummary.Of([At("git", -1, 2), At("kubectl", 3, 9)], TimeSpan.FromSeconds(4));

        summary.InTools.ShouldBe(TimeSpan.FromSeconds(3));
        summary.Own.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void ARunWithoutToolsIsAllOurOwn()
    {
        ToolTimeSummary.Of([], TimeSpan.FromSeconds(2)).Line.ShouldBe("Time: 2.0 s wall; 0.0 s in tools; own 2.0 s (100.0 %)");
        ToolTimeSummary.Of([], TimeSpan.Zero).OwnPercent.ShouldBe(0);
    }

    [Theory]
    [InlineData("/usr/bin/git", new[] { "push" }, "git")]
    [InlineData("sh", new[] { "-c", "dotnet test --solution X.slnx" }, "dotnet")]
    [InlineData("sh", new[] { "-c", "cd services/a && DOTNET_NOLOGO=1 dotnet publish src" }, "dotnet")]
    [InlineData("sh", new[] { "-c", "nohup docker-registry serve 'c.yml' >'log' 2>&1 & echo $!" }, "docker-registry")]
    [InlineData("sh", new[] { "script.sh" }, "sh")]
    public void ACommandIsRecordedUnderTheProgramItRuns(string fileName, string[] arguments, string tool)
    {
        ToolTimes.NameOf(fileName, arguments).ShouldBe(tool);
    }

    [Fact]
    public async Task TheProcessRunnerRecordsEveryCommandItRunsEvenAFailingOne()
    {
        var times = new ToolTimes(TimeProvider.System);
        var runner = new ProcessRunner(TextWriter.Null, s => s, times);
        var ct = TestContext.Current.CancellationToken;

        await runner.RunAsync("true", [], cancellationToken: ct);
        await runner.RunAsync("sh", ["-c", "ls /"], new ProcessOptions { Echo = false }, ct);
        await Should.ThrowAsync<ProcessFailedException>(() => runner.RunAsync("false", [], cancellationToken: ct));

        times.Intervals.Select(i => i.Tool).ShouldBe(["true", "ls", "false"]);
        times.Intervals.ShouldAllBe(i => i.End >= i.Start && i.Start >= TimeSpan.Zero);
        var summary = times.Summarize();
        summary.InTools.ShouldBeLessThanOrEqualTo(summary.Wall);
        summary.ByTool.Select(t => t.Key).ShouldBe(["false", "ls", "true"], ignoreOrder: true);
    }
}
