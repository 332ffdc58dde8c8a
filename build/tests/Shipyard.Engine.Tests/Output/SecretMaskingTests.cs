using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Output;

[Trait("Reliability", "secrets")]
public static class SecretMaskingTests
{
    private const string Token = "xoxb-very-secret-token";

    private sealed class LeakyBuild : BuildBase
    {
        [Parameter("Slack bot token"), Secret] readonly string? SlackToken = null;

        Target Leak => _ => _.Executes(context =>
        {
            Log.Write("token is ");
            Log.WriteLine(SlackToken);
            context.Note($"used {SlackToken}");
            context.Fact("token", SlackToken!);
            context.Host.AppendSummary($"summary with {SlackToken}");
            context.Host.SetOutput("token", SlackToken!);
            return Task.CompletedTask;
        });

        Target Throw => _ => _.Executes(() => throw new BuildFailedException($"login failed with {SlackToken}"));
        Target Crash => _ => _.Executes(() => throw new InvalidOperationException($"crash with {SlackToken}"));

        Target Runtime => _ => _.Executes(() =>
        {
            AddSecret("found-at-runtime");
            Log.WriteLine("value found-at-runtime");
            Log.WriteLine(Mask("masked by hand: found-at-runtime"));
        });
    }

    [Fact]
    public static async Task SecretsAreMaskedInTheLogTheSummaryAndTheRecord()
    {
        using var run = new TestRun();
        var build = new LeakyBuild();
        (await run.RunAsync(build, $"Leak --slack-token {Token}")).ShouldBe(0);
        run.Output.ShouldNotContain(Token);
        run.Output.ShouldContain("token is ***");
        run.Output.ShouldContain("used ***");
        build.Record!.Rows[0].Facts["token"].ShouldBe("***");
    }

    [Fact]
    public static async Task SecretsAreMaskedInExceptionMessages()
    {
        using var run = new TestRun();
        (await run.RunAsync(new LeakyBuild(), $"Throw Crash --slack-token {Token}")).ShouldBe(1);
        run.Output.ShouldNotContain(Token);
        run.Output.ShouldContain("login failed with ***");
    }

    [Fact]
    public static async Task SecretsFromTheEnvironmentAreMaskedToo()
    {
        using var run = new TestRun();
        run.Environment["SLACK_TOKEN"] = Token;
        (await run.RunAsync(new LeakyBuild(), "Leak")).ShouldBe(0);
        run.Output.ShouldNotContain(Token);
    }

    [Fact]
    public static async Task SecretsAddedAtRunTimeAreMasked()
    {
        using var run = new TestRun();
        (await run.RunAsync(new LeakyBuild(), "Runtime")).ShouldBe(0);
        run.Output.ShouldContain("value ***");
        run.Output.ShouldContain("masked by hand: ***");
        run.Output.ShouldNotContain("found-at-runtime");
    }

    [Fact]
    public static async Task OnGitHubActionsASecretAddedAtRunTimeIsAnnouncedOnce()
    {
        using var run = new TestRun();
        run.Environment["GITHUB_ACTIONS"] = "true";
        (await run.RunAsync(new LeakyBuild(), "Runtime")).ShouldBe(0);
        run.Output.Split('\n').Where(l => l.Contains("found-at-runtime")).ShouldBe(["::add-mask::found-at-runtime"]);
    }

    [Fact]
    public static async Task OnGitHubActionsOnlyTheAddMaskCommandCarriesTheValueAndTheFilesAreMasked()
    {
        using var run = new TestRun();
        var summary = Path.Combine(run.Root, "summary.md");
        var outputs = Path.Combine(run.Root, "outputs.txt");
        run.Environment["GITHUB_ACTIONS"] = "true";
        run.Environment["GITHUB_STEP_SUMMARY"] = summary;
        run.Environment["GITHUB_OUTPUT"] = outputs;

        (await run.RunAsync(new LeakyBuild(), $"Leak --slack-token {Token}")).ShouldBe(0);

        run.Output.Split('\n').Where(l => l.Contains(Token)).ShouldBe([$"::add-mask::{Token}"]);
        File.ReadAllText(summary).ShouldNotContain(Token);
        File.ReadAllText(summary).ShouldContain("summary with ***");
        File.ReadAllText(outputs).ShouldBe("token=***\n");
    }
}
