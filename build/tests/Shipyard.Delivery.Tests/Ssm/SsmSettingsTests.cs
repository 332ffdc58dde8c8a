using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>Settings validate into one-line usage errors; quoting survives a real shell.</summary>
public sealed class SsmSettingsTests
{
    private static string Root => RepositoryRoot.Path;

    [Fact]
    public void DefaultsAreSeed004sWithADeadlineInsteadOfSixtyPolls()
    {
        var settings = SsmSettings.Create("eu-west-1", Root);

        settings.InstanceFilter.ShouldBe("Name=*k3s-master*");
        settings.BucketPrefix.ShouldBe("k3s-deploy");
        settings.ScriptPath.ShouldBe(Path.Combine(Root, "deploy/ssm/deploy.sh"));
        settings.Deadline.ShouldBe(TimeSpan.FromMinutes(15));
        settings.SweepAge.ShouldBeGreaterThan(settings.Deadline);
    }

    [Theory]
    [InlineData("region", "eu west 1", "AWS region 'eu west 1' is not a region name")]
    [InlineData("endpoint", "ftp://x", "AWS endpoint URL 'ftp://x' must be an absolute http or https URL")]
    [InlineData("filter", "k3s-master", "SSM instance filter 'k3s-master' must be TagKey=ValuePattern")]
    [InlineData("filter", "Name=$(id)", "SSM instance filter 'Name=$(id)'")]
    [InlineData("prefix", "K3S_deploy", "SSM bucket prefix 'K3S_deploy'")]
    [InlineData("script", "deploy/ssm/missing.sh", "SSM deploy script 'deploy/ssm/missing.sh' does not exist")]
    [InlineData("sweep", "", "must exceed the deploy deadline")]
    [InlineData("backoff", "", "SSM poll backoff must be between 1 and 10")]
    public void ABadValueIsOneLineNamingTheSetting(string field, string value, string message)
    {
        var error = Should.Throw<UsageException>(() => field switch
        {
            "region" => SsmSettings.Create(value, Root),
            "endpoint" => SsmSettings.Create("us-east-1", Root, endpointUrl: new Uri(value)),
            "filter" => SsmSettings.Create("us-east-1", Root, instanceFilter: value),
            "prefix" => SsmSettings.Create("us-east-1", Root, bucketPrefix: value),
            "script" => SsmSettings.Create("us-east-1", Root, scriptPath: value),
            "sweep" => SsmSettings.Create("us-east-1", Root, deadline: TimeSpan.FromHours(1), sweepAge: TimeSpan.FromMinutes(30)),
            _ => SsmSettings.Create("us-east-1", Root, pollBackoff: 0.5),
        });

        error.Message.ShouldContain(message);
        error.Message.ShouldNotContain("\n");
        error.Message.ShouldNotContain("--");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData("'; rm -rf / #")]
    [InlineData("$(id) `id` \"$HOME\" \\ *")]
    [InlineData("two\nlines")]
    public async Task AQuotedValueReachesTheCommandAsOneUnchangedWord(string value)
    {
        var result = await new ProcessRunner(TextWriter.Null, s => s).RunAsync("sh", ["-c", $"printf '%s\\n' {ShellQuote.Quote(value)}"],
            cancellationToken: TestContext.Current.CancellationToken);

        result.StandardOutput.ShouldBe(value + "\n");
    }
}
