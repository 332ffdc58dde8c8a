using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

[Trait("Reliability", "faults")]
public static class CancellationTests
{
    private sealed class WaitingBuild(CancellationTokenSource cancel) : BuildBase
    {
        public Recorder Recorder { get; } = new();
        public bool CleanupTokenWasCancelled = true;

        Target Wait => _ => _.Executes(async context =>
        {
            Recorder.Add("Wait started");
            cancel.Cancel();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            Recorder.Add("Wait finished");
        });

        Target Next => _ => _.DependsOn(Wait).Executes(() => Recorder.Add("Next"));

        Target Cleanup => _ => _.After(Next).AssuredAfterFailure().Executes(context =>
        {
            CleanupTokenWasCancelled = context.CancellationToken.IsCancellationRequested;
            Recorder.Add("Cleanup");
            return Task.CompletedTask;
        });
    }

    [Fact]
    public static async Task CancellingStopsTheRunningTargetRunsAssuredTargetsAndExitsWith130()
    {
        using var cancel = new CancellationTokenSource();
        using var run = new TestRun { Cancellation = cancel.Token };
        var build = new WaitingBuild(cancel);

        var exitCode = await run.RunAsync(build, "Next Cleanup").WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        exitCode.ShouldBe(130);
        build.Recorder.Ran.ShouldBe(["Wait started", "Cleanup"]);
        build.CleanupTokenWasCancelled.ShouldBeFalse();
        build.Record!.Rows.Select(r => (r.Target, r.Status, r.Note)).ShouldBe(
        [
            ("Wait", TargetStatus.Failed, "cancelled"),
            ("Next", TargetStatus.NotRun, "cancelled"),
            ("Cleanup", TargetStatus.Succeeded, null),
        ]);
        run.Output.ShouldContain("Build cancelled (exit code 130)");
    }
}
