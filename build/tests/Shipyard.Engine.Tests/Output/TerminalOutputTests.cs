using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Output;

public static class TerminalOutputTests
{
    public enum Strategy { GitOps, Ssm }

    private sealed class PipelineLike : BuildBase
    {
        public FakeTimeProvider? Clock;

        [Parameter("Services to work on")] readonly string[] Service = [];
        [Parameter("Deploy strategy")] readonly Strategy Mode = Strategy.GitOps;
        [Parameter("How long to wait")] readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
        [Parameter("Slack bot token"), Secret] readonly string? SlackToken = null;

        public Target Test => _ => _.Description("Runs the tests")
            .ExecutesForEach(() => new[] { "todo-api", "todo-web" }, s => s, (service, context) =>
            {
                Clock!.Advance(TimeSpan.FromSeconds(2));
                context.Output.WriteLine("ok");
                context.Note("12 tests");
                return Task.CompletedTask;
            });
        Target Build => _ => _.Description("Builds the images").DependsOn(Test).Executes(() => Clock!.Advance(TimeSpan.FromSeconds(65)));
        Target Push => _ => _.Description("Pushes the images").DependsOn(Build).Executes(() => throw new BuildFailedException("registry refused the push"));
        Target Deploy => _ => _.Description("Deploys").DependsOn(Push).Triggers(Verify).Executes(() => { });
        Target Verify => _ => _.Description("Verifies the rollout").Executes(() => { });
        Target Notify => _ => _.Description("Posts to Slack").After(Deploy).AssuredAfterFailure().Executes(() => { });
        Target Secret => _ => _.Unlisted().Executes(() => { });
    }

    [Fact]
    public static async Task HelpListsTargetsDependenciesDefaultAndParameters()
    {
        using var run = new TestRun();
        (await run.RunAsync(new PipelineLike(), "--help", x => x.Test)).ShouldBe(0);
        Snapshots.ShouldMatch(run.Output, "help");
    }

    [Fact]
    public static async Task PlanPrintsTheOrderAndAMermaidGraphAndRunsNothing()
    {
        using var run = new TestRun();
        var build = new PipelineLike { Clock = run.Time };
        (await run.RunAsync(build, "Deploy Notify --plan --skip Test")).ShouldBe(0);
        Snapshots.ShouldMatch(run.Output, "plan");
        build.Record.ShouldBeNull();
    }

    [Fact]
    public static async Task TheSummaryTableShowsEveryRowWithStatusDurationAndNote()
    {
        using var run = new TestRun();
        (await run.RunAsync(new PipelineLike { Clock = run.Time }, "Deploy Notify --parallelism 1")).ShouldBe(1);
        Snapshots.ShouldMatch(run.Output.Replace(run.Root, "{root}", StringComparison.Ordinal), "terminal-run");
    }

    [Fact]
    public static async Task ColourIsUsedOnlyWhenTheSessionAllowsIt()
    {
        using var run = new TestRun { Color = true };
        await run.RunAsync(new PipelineLike { Clock = run.Time }, "Test");
        run.Output.ShouldContain("\e[32m");
        using var plain = new TestRun();
        await plain.RunAsync(new PipelineLike { Clock = plain.Time }, "Test");
        plain.Output.ShouldNotContain("\e[");
    }
}
