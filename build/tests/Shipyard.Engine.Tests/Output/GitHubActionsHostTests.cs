using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Output;

public static class GitHubActionsHostTests
{
    private sealed class CiBuild : BuildBase
    {
        public FakeTimeProvider? Clock;

        Target Build => _ => _.Executes(context =>
        {
            Clock!.Advance(TimeSpan.FromSeconds(3));
            context.Output.WriteLine("building");
            context.Host.SetOutput("digest", "sha256:abc");
            context.Host.SetOutput("notes", "line one\nline two");
            context.Host.Warning("cache miss");
            return Task.CompletedTask;
        });

        Target Push => _ => _.DependsOn(Build).Executes(() => throw new BuildFailedException("registry refused the push\nretry later"));
    }

    [Fact]
    public static async Task TheLogHasGroupsAnnotationsAndTheSummaryTable()
    {
        using var run = new TestRun();
        run.Environment["GITHUB_ACTIONS"] = "true";
        var build = new CiBuild { Clock = run.Time };
        (await run.RunAsync(build, "Push --no-logo")).ShouldBe(1);
        Snapshots.ShouldMatch(run.Output, "github-actions-log");
    }

    [Fact]
    public static async Task TheStepSummaryGetsTheTableAndThePlanGraph()
    {
        using var run = new TestRun();
        var summary = Path.Combine(run.Root, "summary.md");
        run.Environment["GITHUB_ACTIONS"] = "true";
        run.Environment["GITHUB_STEP_SUMMARY"] = summary;
        await run.RunAsync(new CiBuild { Clock = run.Time }, "Push");
        Snapshots.ShouldMatch(File.ReadAllText(summary), "github-step-summary");
    }

    [Fact]
    public static async Task OutputsUseTheDelimiterSyntaxForMultilineValues()
    {
        using var run = new TestRun();
        var outputs = Path.Combine(run.Root, "outputs.txt");
        run.Environment["GITHUB_ACTIONS"] = "true";
        run.Environment["GITHUB_OUTPUT"] = outputs;
        await run.RunAsync(new CiBuild { Clock = run.Time }, "Build");
        var lines = File.ReadAllText(outputs).Split('\n');
        lines[0].ShouldBe("digest=sha256:abc");
        lines[1].ShouldStartWith("notes<<ghadelimiter_");
        lines[2..4].ShouldBe(["line one", "line two"]);
        lines[4].ShouldBe(lines[1]["notes<<".Length..]);
    }
}
