using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

public static class LifecycleTests
{
    private sealed class HookedBuild : BuildBase
    {
        public Recorder Recorder { get; } = new();
        public RunRecord? Finished;
        public bool FailInitialization;

        [Parameter] readonly string? Tag = null;

        Target Lint => _ => _.Executes(() => Recorder.Add("Lint"));

        Target Test => _ => _.DependsOn(Lint).Executes(() => Recorder.Add($"Test with {Tag}"));

        protected internal override void OnInitialized()
        {
            Recorder.Add($"initialized with {Tag}");
            if (FailInitialization) throw new BuildFailedException("services/todo-api/service.yaml:3: unknown key 'imagee'");
        }

        protected internal override Task OnPlannedAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
        {
            Recorder.Add($"planned {string.Join(", ", targets)}");
            return Task.CompletedTask;
        }

        protected internal override Task OnFinishedAsync(RunRecord record)
        {
            Finished = record;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public static async Task InitializationSeesBoundParametersAndTheFinishedHookGetsTheRecord()
    {
        using var run = new TestRun();
        var build = new HookedBuild();
        (await run.RunAsync(build, "Test --tag v1")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["initialized with v1", "planned Lint, Test", "Lint", "Test with v1"]);
        build.Finished.ShouldBeSameAs(build.Record);
        build.Finished!.Rows.ShouldAllBe(r => r.Status == TargetStatus.Succeeded);
    }

    [Fact]
    public static async Task HelpAndAMisspeltTargetDoNotInitializeTheBuild()
    {
        using var run = new TestRun();
        var build = new HookedBuild();
        (await run.RunAsync(build, "--help")).ShouldBe(0);
        (await run.RunAsync(build, "Tset")).ShouldBe(2);
        build.Recorder.Ran.ShouldBeEmpty();
    }

    [Fact]
    public static async Task ThePlannedHookGetsOnlyTheTargetsThatWillRun()
    {
        using var run = new TestRun();
        var build = new HookedBuild();
        (await run.RunAsync(build, "Test --skip Lint")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["initialized with ", "planned Test", "Test with "]);
    }

    [Fact]
    public static async Task PlanningOnlyDoesNotCallThePlannedHook()
    {
        using var run = new TestRun();
        var build = new HookedBuild();
        (await run.RunAsync(build, "Test --plan")).ShouldBe(0);
        build.Recorder.Ran.ShouldBe(["initialized with "]);
    }

    [Fact]
    public static async Task AFailedInitializationShowsItsMessageAndExitsWithOne()
    {
        using var run = new TestRun();
        var build = new HookedBuild { FailInitialization = true };
        (await run.RunAsync(build, "Test")).ShouldBe(1);
        run.Output.Trim().ShouldBe("services/todo-api/service.yaml:3: unknown key 'imagee'");
        build.Finished.ShouldBeNull();
    }
}
