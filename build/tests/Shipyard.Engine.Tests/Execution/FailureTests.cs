using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

public static class FailureTests
{
    private sealed class FailingBuild : BuildBase
    {
        public Recorder Recorder { get; } = new();

        Target Fails => _ => _.Executes(() => throw new BuildFailedException("registry refused the push"));
        Target BadInput => _ => _.Executes(() => throw new UsageException("No service named 'todo-ap'. Available: todo-api"));
        Target Crashes => _ => _.Executes(() => throw new InvalidOperationException("unexpected state"));
        Target Proceeds => _ => _.ProceedAfterFailure().Executes(() => throw new BuildFailedException("flaky"));
        Target Dependent => _ => _.DependsOn(Proceeds).Executes(() => Recorder.Add("Dependent"));
        Target Independent => _ => _.After(Proceeds).Executes(() => Recorder.Add("Independent"));
        Target Later => _ => _.After(Fails).Executes(() => Recorder.Add("Later"));
        Target Cleanup => _ => _.After(Fails, Later).AssuredAfterFailure().Executes(() => Recorder.Add("Cleanup"));
    }

    [Fact]
    public static async Task AFailedTargetStopsTheRestAndExitsWithOne()
    {
        using var run = new TestRun();
        var build = new FailingBuild();
        (await run.RunAsync(build, "Fails Later")).ShouldBe(1);
        build.Recorder.Ran.ShouldBeEmpty();
        build.Record!.Rows.Select(r => (r.Target, r.Status)).ShouldBe([("Fails", TargetStatus.Failed), ("Later", TargetStatus.NotRun)]);
        build.Record.Rows[1].Note.ShouldBe("an earlier target failed");
    }

    [Fact]
    public static async Task AnExpectedFailureShowsItsMessageWithoutAStackTrace()
    {
        using var run = new TestRun();
        await run.RunAsync(new FailingBuild(), "Fails");
        run.Output.ShouldContain("Fails: registry refused the push");
        run.Output.ShouldNotContain("   at ");
        run.Output.ShouldContain("Build failed (exit code 1)");
    }

    [Fact]
    public static async Task AUsageErrorFoundByATargetShowsItsMessageAndExitsWithTwo()
    {
        using var run = new TestRun();
        (await run.RunAsync(new FailingBuild(), "BadInput")).ShouldBe(2);
        run.Output.ShouldContain("BadInput: No service named 'todo-ap'. Available: todo-api");
        run.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public static async Task AnUnexpectedExceptionShowsItsStackTrace()
    {
        using var run = new TestRun();
        (await run.RunAsync(new FailingBuild(), "Crashes")).ShouldBe(1);
        run.Output.ShouldContain("Crashes: InvalidOperationException: unexpected state");
        run.Output.ShouldContain("   at ");
    }

    [Fact]
    public static async Task ProceedAfterFailureRunsTheRestButNotTheDependentsAndStillFails()
    {
        using var run = new TestRun();
        var build = new FailingBuild();
        (await run.RunAsync(build, "Dependent Independent")).ShouldBe(1);
        build.Recorder.Ran.ShouldBe(["Independent"]);
        build.Record!.Rows.Single(r => r.Target == "Dependent").Note.ShouldBe("dependency Proceeds failed");
    }

    [Fact]
    public static async Task AnAssuredTargetRunsAfterAFailure()
    {
        using var run = new TestRun();
        var build = new FailingBuild();
        (await run.RunAsync(build, "Fails Later Cleanup")).ShouldBe(1);
        build.Recorder.Ran.ShouldBe(["Cleanup"]);
    }

    [Fact]
    public static async Task ATargetRunsOnceEvenWhenRequestedTwice()
    {
        using var run = new TestRun();
        var build = new FailingBuild();
        (await run.RunAsync(build, "Later Later")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["Later"]);
    }
}
