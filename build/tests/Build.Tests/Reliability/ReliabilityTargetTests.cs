using System.Text.Json;
using Build.Tests.Platform;

namespace Build.Tests.Reliability;

/// <summary>
/// The Reliability target from the outside, without running the suite (it takes minutes): its bad input, its plan,
/// that nothing else runs it, and the saved run it reads the orchestration overhead from.
/// </summary>
public sealed class ReliabilityTargetTests
{
    [Fact]
    public async Task AnUnknownKindIsOneLineWithExitCodeTwoAndNothingRuns()
    {
        using var run = new Cli.PipelineRun();

        (await run.RunAsync("Reliability", "--reliability", "concurrency,fault")).ShouldBe(2);

        run.Output.TrimEnd('\n').Split('\n').ShouldHaveSingleItem()
            .ShouldBe("--reliability does not accept 'fault'. Allowed: concurrency, faults, bad-input, secrets");
        run.Build.Record.ShouldBeNull();
    }

    [Fact]
    public async Task ItPlansAloneAndNoOtherTargetsPlanIncludesIt()
    {
        using var reliability = new Cli.PipelineRun();
        (await reliability.RunAsync("Reliability", "--reliability", "secrets", "--plan")).ShouldBe(0);
        reliability.Output.ShouldContain("1. Reliability");
        reliability.Output.ShouldNotContain("2. ");

        foreach (var target in new[] { "Test", "Deploy", "Rollback", "Benchmark" })
        {
            using var run = new Cli.PipelineRun();
            (await run.RunAsync(target, "--plan")).ShouldBe(0, run.Output);
            run.Output.ShouldNotContain("Reliability", Case.Sensitive, $"{target} --plan");
        }
    }

    [Fact]
    public void NoCheckedInWorkflowRunsIt()
    {
        var workflows = Path.Combine(TempRoot.Repository, ".github", "workflows");

        foreach (var file in Directory.EnumerateFiles(workflows, "*.yml"))
            File.ReadAllText(file).ShouldNotContain("Reliability", Case.Insensitive, file);
    }

    [Fact]
    public async Task AFinishedRunSavesItsTargetsAndTimesUnderNukeTemp()
    {
        using var root = new TempRoot().CopySamplePlatform().File(".nuke/parameters.json", "{}\n");

        var run = await PipelineRun.StartAsync(root.Path, "GenerateWorkflows");

        run.ExitCode.ShouldBe(0, run.Output);
        var saved = Directory.GetFiles(Path.Combine(root.Path, ".nuke", "temp", "runs"), "*.json").ShouldHaveSingleItem();
        using var json = JsonDocument.Parse(File.ReadAllText(saved));
        json.RootElement.GetProperty("Targets").GetProperty("GenerateWorkflows").GetString().ShouldBe("Succeeded");
        json.RootElement.GetProperty("ExitCode").GetInt32().ShouldBe(0);
        json.RootElement.GetProperty("Time").GetProperty("Line").GetString().ShouldStartWith("Time: ");
        run.Output.ShouldContain(json.RootElement.GetProperty("Time").GetProperty("Line").GetString()!);
    }

    [Fact]
    public async Task AScratchRootWithoutANukeFolderKeepsNothing()
    {
        using var root = new TempRoot().CopySamplePlatform();

        (await PipelineRun.StartAsync(root.Path, "GenerateWorkflows")).ExitCode.ShouldBe(0);

        Directory.Exists(Path.Combine(root.Path, ".nuke", "temp", "runs")).ShouldBeFalse();
    }
}
