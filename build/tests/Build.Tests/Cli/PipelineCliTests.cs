namespace Build.Tests.Cli;

public static class PipelineCliTests
{
    [Fact]
    public static async Task HelpListsEveryTargetWithItsDescriptionAndDependencies()
    {
        using var run = new PipelineRun();
        (await run.RunAsync("--help")).ShouldBe(0);
        var lines = run.Output.Split('\n');
        string Line(string start) => lines.Single(l => l.TrimStart().StartsWith(start + " ", StringComparison.Ordinal));
        Line("Test").ShouldContain("(default)");
        Line("Test").ShouldContain("Runs each selected service's tests");
        Line("Build").ShouldContain("-> Test");
        Line("Push").ShouldContain("-> Build");
        Line("Deploy").ShouldContain("-> Push");
        foreach (var target in new[] { "Bump", "Verify", "Rollback" }) Line(target).Length.ShouldBeGreaterThan(target.Length + 10);
        run.Output.ShouldContain("--service <string[]>");
    }

    [Fact]
    public static async Task AMisspeltTargetExitsWithTwoAndOneLineNamingTheClosestTarget()
    {
        using var run = new PipelineRun();
        (await run.RunAsync("Deplyo")).ShouldBe(2);
        run.Output.TrimEnd('\n').Split('\n').ShouldHaveSingleItem()
            .ShouldStartWith("Target 'Deplyo' does not exist. Did you mean 'Deploy'? Available: Benchmark, Changes, GenerateWorkflows, Test, Sandbox, Build, Push, Deploy, Verify, Rollback, Bump");
    }

    [Fact]
    public static async Task AnUnknownParameterExitsWithTwo()
    {
        using var run = new PipelineRun();
        (await run.RunAsync("Test", "--no-such-param", "1")).ShouldBe(2);
        run.Output.ShouldStartWith("Unknown parameter '--no-such-param'.");
    }

    [Fact]
    public static async Task DeployPlanPrintsTheOrderAndTheGraphAndRunsNothing()
    {
        using var run = new PipelineRun();
        (await run.RunAsync("Deploy", "--plan")).ShouldBe(0);
        run.Output.ShouldContain("1. Test");
        run.Output.ShouldContain("5. Deploy");
        run.Output.ShouldContain("6. Verify");
        run.Output.ShouldContain("graph LR");
        run.Output.ShouldContain("Push --> Deploy");
        run.Output.ShouldNotContain("not implemented");
        run.Build.Record.ShouldBeNull();
    }
}
