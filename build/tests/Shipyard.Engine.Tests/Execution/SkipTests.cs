using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

public static class SkipTests
{
    private sealed class ChainBuild : BuildBase
    {
        public Recorder Recorder { get; } = new();
        public bool Ready;
        public bool VerificationFailed;

        Target A => _ => _.Executes(() => Recorder.Add("A"));
        Target B => _ => _.DependsOn(A).Executes(() => Recorder.Add("B"));
        Target C => _ => _.DependsOn(B).Executes(() => Recorder.Add("C"));
        Target Static => _ => _.DependsOn(A).OnlyWhenStatic(() => Ready).Executes(() => Recorder.Add("Static"));
        Target Dynamic => _ => _.DependsOn(A).OnlyWhenDynamic(() => VerificationFailed).Executes(() => Recorder.Add("Dynamic"));
        Target Flip => _ => _.Executes(() => VerificationFailed = true);
        Target AfterFlip => _ => _.DependsOn(Flip).OnlyWhenDynamic(() => VerificationFailed).Executes(() => Recorder.Add("AfterFlip"));
        Target Negated => _ => _.OnlyWhenStatic(() => !Ready && VerificationFailed).Executes(() => Recorder.Add("Negated"));
    }

    [Fact]
    public static async Task SkipWithNamesSkipsThoseTargetsOnly()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        (await run.RunAsync(build, "C --skip B")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["A", "C"]);
        build.Record!.Rows.Single(r => r.Target == "B").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Skipped), r => r.Note.ShouldBe("--skip"));
    }

    [Fact]
    public static async Task SkipWithoutNamesSkipsEveryTargetNotNamedOnTheCommandLine()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        (await run.RunAsync(build, "C --skip")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["C"]);
    }

    [Fact]
    public static async Task SeveralNamesFollowOneSkipFlag()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        (await run.RunAsync(build, "C --skip A B")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["C"]);
    }

    [Fact]
    public static async Task SkippingAnUnknownTargetIsAUsageError()
    {
        using var run = new TestRun();
        (await run.RunAsync(new ChainBuild(), "C --skip Bb")).ShouldBe(2);
        run.Output.ShouldContain("Target 'Bb' does not exist. Did you mean 'B'?");
    }

    [Fact]
    public static async Task AFalseStaticConditionSkipsTheTargetWithTheExpressionAsReasonButRunsItsDependencies()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        (await run.RunAsync(build, "Static")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["A"]);
        build.Record!.Rows.Single(r => r.Target == "Static").Note.ShouldBe("Ready is false");
    }

    [Fact]
    public static async Task AFalseDynamicConditionSkipsTheTargetWithTheExpressionAsReason()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        (await run.RunAsync(build, "Dynamic")).ShouldBe(0);
        var row = build.Record!.Rows.Single(r => r.Target == "Dynamic");
        row.Status.ShouldBe(TargetStatus.Skipped);
        row.Note.ShouldBe("VerificationFailed is false");
    }

    [Fact]
    public static async Task ADynamicConditionIsEvaluatedAfterItsDependenciesRan()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        (await run.RunAsync(build, "AfterFlip")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["AfterFlip"]);
    }

    [Fact]
    public static async Task ACompoundConditionReadsAsWritten()
    {
        using var run = new TestRun();
        var build = new ChainBuild();
        await run.RunAsync(build, "Negated");
        build.Record!.Rows.Single().Note.ShouldBe("!Ready && VerificationFailed is false");
    }
}
