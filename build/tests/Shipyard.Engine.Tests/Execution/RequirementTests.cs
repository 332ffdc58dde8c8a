using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

public static class RequirementTests
{
    private sealed class DeployBuild : BuildBase
    {
        public Recorder Recorder { get; } = new();

        [Parameter("Tag of the image")] readonly string? ImageTag = null;
        [Parameter("Replica count")] readonly int Replicas = 0;

        Target Test => _ => _.Executes(() => Recorder.Add("Test"));
        Target Deploy => _ => _.DependsOn(Test).Requires(() => ImageTag).Executes(() => Recorder.Add("Deploy"));
        Target Scale => _ => _.Requires(() => Replicas > 0).Executes(() => Recorder.Add("Scale"));
        Target Optional => _ => _.OnlyWhenStatic(() => false).Requires(() => ImageTag).Executes(() => Recorder.Add("Optional"));
    }

    [Fact]
    public static async Task AMissingParameterFailsBeforeTheFirstTargetRunsAndNamesTheOption()
    {
        using var run = new TestRun();
        var build = new DeployBuild();
        (await run.RunAsync(build, "Deploy")).ShouldBe(2);
        build.Recorder.Ran.ShouldBeEmpty();
        run.Output.Trim().ShouldBe("Deploy requires --image-tag (give it on the command line, in the environment or in .nuke/parameters.json).");
    }

    [Fact]
    public static async Task AGivenParameterMeetsTheRequirement()
    {
        using var run = new TestRun();
        var build = new DeployBuild();
        (await run.RunAsync(build, "Deploy --image-tag 1.2.3")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["Test", "Deploy"]);
    }

    [Fact]
    public static async Task AFalsePredicateFailsWithItsText()
    {
        using var run = new TestRun();
        (await run.RunAsync(new DeployBuild(), "Scale")).ShouldBe(2);
        run.Output.Trim().ShouldBe("Scale requires Replicas > 0.");
    }

    [Fact]
    public static async Task ASkippedTargetsRequirementsAreNotChecked()
    {
        using var run = new TestRun();
        (await run.RunAsync(new DeployBuild(), "Optional")).ShouldBe(0);
    }
}
