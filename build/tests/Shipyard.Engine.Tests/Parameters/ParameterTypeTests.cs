using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Parameters;

public static class ParameterTypeTests
{
    public enum Strategy { GitOps, Ssm }

    private sealed class TypedBuild : BuildBase
    {
        [Parameter] public readonly string[] Service = [];
        [Parameter] public readonly bool DryRun;
        [Parameter] public readonly int Retries = 3;
        [Parameter] public readonly Strategy Mode = Strategy.GitOps;
        [Parameter] public readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
        [Parameter] public readonly int? Port;
        [Parameter] public readonly Strategy[] Modes = [];
        [Parameter(Name = "kube-context")] public readonly string? Context;

        Target Show => _ => _.Executes(() => { });
    }

    private static async Task<TypedBuild> Bind(string commandLine, Dictionary<string, string>? environment = null)
    {
        using var run = new TestRun();
        foreach (var (key, value) in environment ?? []) run.Environment[key] = value;
        var build = new TypedBuild();
        (await run.RunAsync(build, commandLine)).ShouldBe(0, run.Output);
        return build;
    }

    private static async Task<string> Fail(string commandLine)
    {
        using var run = new TestRun();
        (await run.RunAsync(new TypedBuild(), commandLine)).ShouldBe(2);
        return run.Output.Trim();
    }

    [Fact]
    public static async Task ArraysTakeRepeatedCommaSeparatedAndSeveralValues()
    {
        (await Bind("Show --service a --service b,c")).Service.ShouldBe(["a", "b", "c"]);
        (await Bind("Show --service a b")).Service.ShouldBe(["a", "b"]);
        (await Bind("Show", new() { ["SERVICE"] = "x,y" })).Service.ShouldBe(["x", "y"]);
    }

    [Fact]
    public static async Task ABoolFlagWithoutValueIsTrue()
    {
        (await Bind("Show --dry-run")).DryRun.ShouldBeTrue();
        (await Bind("Show --dry-run false")).DryRun.ShouldBeFalse();
        (await Bind("Show")).DryRun.ShouldBeFalse();
    }

    [Fact]
    public static async Task NumbersEnumsAndNullablesConvert()
    {
        var build = await Bind("Show --retries 5 --mode ssm --port 8080 --modes gitops,SSM");
        build.Retries.ShouldBe(5);
        build.Mode.ShouldBe(Strategy.Ssm);
        build.Port.ShouldBe(8080);
        build.Modes.ShouldBe([Strategy.GitOps, Strategy.Ssm]);
        (await Bind("Show")).Port.ShouldBeNull();
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:05:00", 300)]
    public static async Task DurationsAcceptUnitsAndClockFormat(string text, int seconds) =>
        (await Bind($"Show --timeout {text}")).Timeout.ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public static async Task AnExplicitNameOverridesTheDerivedOne() =>
        (await Bind("Show --kube-context prod")).Context.ShouldBe("prod");

    [Fact]
    public static async Task AWrongEnumValueListsTheAllowedValues() =>
        (await Fail("Show --mode helm")).ShouldBe("--mode does not accept 'helm'. Allowed: GitOps, Ssm");

    [Fact]
    public static async Task AWrongNumberSaysWhatWasExpected() =>
        (await Fail("Show --retries many")).ShouldBe("--retries expects int, got 'many'.");

    [Fact]
    public static async Task AScalarGivenTwiceTheValuesIsRejected() =>
        (await Fail("Show --retries 1 2")).ShouldBe("--retries takes one value, got 2: 1 2");

    [Fact]
    public static async Task ABadValueFromTheEnvironmentNamesItsSource()
    {
        using var run = new TestRun();
        run.Environment["RETRIES"] = "lots";
        (await run.RunAsync(new TypedBuild(), "Show")).ShouldBe(2);
        run.Output.Trim().ShouldBe("--retries (from environment) expects int, got 'lots'.");
    }

    [Theory]
    [InlineData("ImageTag", "image-tag")]
    [InlineData("Service", "service")]
    [InlineData("ArgoCDServer", "argo-cd-server")]
    [InlineData("SlackToken", "slack-token")]
    public static void MemberNamesBecomeDashedOptions(string member, string option) =>
        NameConvention.ToOption(member).ShouldBe(option);
}
