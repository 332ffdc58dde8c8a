using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

/// <summary>
/// The validation phase: after planning, before the first target; it sees the targets that will run (skipped ones
/// left out); a usage error there is one line and exit code 2 with nothing run; --plan validates, --help does not.
/// </summary>
[Trait("Reliability", "bad-input")]
public static class ValidationPhaseTests
{
    private sealed class ValidatingBuild : BuildBase
    {
        [Parameter("Services")] public readonly string[] Service = [];
        [Parameter("Lock kind")] public readonly string Lock = "none";

        public List<string> Ran { get; } = [];
        public IReadOnlyList<string>? Validated { get; private set; }

        protected internal override void OnValidating(IReadOnlyList<string> plannedTargets)
        {
            Validated = plannedTargets;
            if (plannedTargets.Contains(nameof(Deploy)) && Lock != "none")
                throw new UsageException($"The lock kind does not accept '{UsageException.Escape(Lock)}'.\nAllowed: none");
        }

        Target Test => _ => _.Executes(() => Ran.Add(nameof(Test)));
        Target Deploy => _ => _.DependsOn(Test).Executes(() => Ran.Add(nameof(Deploy)));
    }

    [Fact]
    public static async Task ItSeesThePlannedTargetsWithoutTheSkippedOnes()
    {
        using var run = new TestRun();
        var build = new ValidatingBuild();

        (await run.RunAsync(build, "Deploy --skip Test")).ShouldBe(0, run.Output);

        build.Validated.ShouldBe(["Deploy"]);
        build.Ran.ShouldBe(["Deploy"]);
    }

    [Fact]
    public static async Task AUsageErrorThereIsOneEscapedLineAndNothingRuns()
    {
        using var run = new TestRun();
        var build = new ValidatingBuild();

        (await run.RunAsync(build, "Deploy --lock redis")).ShouldBe(2);

        run.Output.TrimEnd('\n').Split('\n').ShouldHaveSingleItem().ShouldBe("The lock kind does not accept 'redis'.\\nAllowed: none");
        build.Ran.ShouldBeEmpty();
        build.Record.ShouldBeNull();
    }

    [Fact]
    public static async Task OnlyWhatThePlanUsesIsValidated()
    {
        using var run = new TestRun();
        (await run.RunAsync(new ValidatingBuild(), "Test --lock redis")).ShouldBe(0, run.Output);
    }

    [Fact]
    public static async Task PlanValidatesAndHelpDoesNot()
    {
        using var run = new TestRun();
        (await run.RunAsync(new ValidatingBuild(), "Deploy --plan --lock redis")).ShouldBe(2);
        var help = new ValidatingBuild();
        (await run.RunAsync(help, "Deploy --help --lock redis")).ShouldBe(0);
        help.Validated.ShouldBeNull();
    }

    [Fact]
    public static async Task AnEmptyListValueIsAUsageErrorButAnEmptyListInAFileIsTheDefault()
    {
        using var run = new TestRun();
        (await run.RunAsync(new ValidatingBuild(), "Test --service ,")).ShouldBe(2);
        run.Output.ShouldStartWith("--service was given an empty value (',')");
        (await run.RunAsync(new ValidatingBuild(), "Test --service")).ShouldBe(2);
        run.Output.ShouldStartWith("--service needs a value");

        run.WriteFile(".nuke/parameters.json", """{ "Service": [] }""");
        var build = new ValidatingBuild();
        (await run.RunAsync(build, "Test")).ShouldBe(0, run.Output);
        build.Service.ShouldBeEmpty();
    }

    [Fact]
    public static async Task AnUnknownKeyInAParameterFileNamesTheFileAndTheClosestKey()
    {
        using var run = new TestRun();
        run.WriteFile(".nuke/parameters.ci.json", """{ "$schema": "./build.schema.json", "Servcie": ["a"] }""");

        (await run.RunAsync(new ValidatingBuild(), "Test --profile ci")).ShouldBe(2);

        run.Output.TrimEnd('\n').Split('\n').ShouldHaveSingleItem()
            .ShouldStartWith(".nuke/parameters.ci.json: unknown key 'Servcie'. Did you mean 'Service'?");
    }
}
