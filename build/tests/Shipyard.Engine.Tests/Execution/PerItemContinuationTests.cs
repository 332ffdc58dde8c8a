using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

[Trait("Reliability", "faults")]
public static class PerItemContinuationTests
{
    private sealed class DeliveryBuild : BuildBase
    {
        public string[] Items = ["todo-api", "todo-worker"];
        public string? FailingDeploy;
        public bool FailWholeTarget;
        public readonly List<string> Ran = [];

        Target Deploy => _ => _.Executes(() =>
        {
            if (FailWholeTarget) throw new BuildFailedException("no deploys today");
        }).ExecutesForEach(() => Items, s => s, (service, _) =>
        {
            lock (Ran) Ran.Add($"Deploy {service}");
            if (service == FailingDeploy) throw new BuildFailedException($"deploy of {service} failed");
            return Task.CompletedTask;
        });

        Target Verify => _ => _.DependsOn(Deploy).ExecutesForEach(() => Items, s => s, (service, _) =>
        {
            lock (Ran) Ran.Add($"Verify {service}");
            return Task.CompletedTask;
        });

        Target Announce => _ => _.DependsOn(Verify).Executes(() => Ran.Add("Announce"));
    }

    [Fact]
    public static async Task AFailedItemStopsOnlyThatItemsLaterStages()
    {
        using var run = new TestRun();
        var build = new DeliveryBuild { FailingDeploy = "todo-api" };

        (await run.RunAsync(build, "Announce")).ShouldBe(1);

        build.Ran.ShouldBe(["Deploy todo-api", "Deploy todo-worker", "Verify todo-worker"], ignoreOrder: true);
        var rows = build.Record!.Rows;
        rows.Single(r => r.DisplayName == "Verify (todo-api)").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.NotRun), r => r.Note.ShouldBe("Deploy (todo-api) failed"));
        rows.Single(r => r.DisplayName == "Verify (todo-worker)").Status.ShouldBe(TargetStatus.Succeeded);
        rows.Single(r => r.DisplayName == "Verify").Note.ShouldBe("1 of 2 items not run (they failed earlier)");
        rows.Single(r => r.DisplayName == "Announce").Status.ShouldBe(TargetStatus.NotRun);
    }

    [Fact]
    public static async Task AFailureOfTheTargetItselfStillStopsEverythingAfterIt()
    {
        using var run = new TestRun();
        var build = new DeliveryBuild { FailWholeTarget = true };

        (await run.RunAsync(build, "Announce")).ShouldBe(1);

        build.Ran.ShouldBeEmpty();
        build.Record!.Rows.Where(r => r.Target == "Verify").ShouldAllBe(r => r.Status == TargetStatus.NotRun);
    }

    private sealed class ReportingBuild : BuildBase
    {
        Target Work => _ => _.Executes(() => { });

        protected internal override Task OnFinishedAsync(RunRecord record) => throw new InvalidOperationException("chat service down");
    }

    [Fact]
    public static async Task AReportThatFailsIsAWarningAndLeavesTheExitCodeAlone()
    {
        using var run = new TestRun();

        (await run.RunAsync(new ReportingBuild(), "Work")).ShouldBe(0);

        run.Output.ShouldContain("Reporting the run failed (InvalidOperationException: chat service down); the build result stands.");
    }
}
