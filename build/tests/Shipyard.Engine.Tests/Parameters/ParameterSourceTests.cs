using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Parameters;

public static class ParameterSourceTests
{
    private sealed class TagBuild : BuildBase
    {
        [Parameter("Tag of the image")] public readonly string? ImageTag;
        [Parameter("Registry")] public string Registry { get; set; } = "default-registry";

        Target Show => _ => _.Executes(() => { });
    }

    private static async Task<TagBuild> Bind(TestRun run, string commandLine)
    {
        var build = new TagBuild();
        (await run.RunAsync(build, commandLine)).ShouldBe(0, run.Output);
        return build;
    }

    [Fact]
    public static async Task TheCommandLineWinsOverEverySource()
    {
        using var run = new TestRun();
        run.Environment["IMAGE_TAG"] = "from-env";
        run.WriteFile(".nuke/parameters.json", """{ "ImageTag": "from-defaults" }""");
        (await Bind(run, "Show --image-tag from-cli")).ImageTag.ShouldBe("from-cli");
    }

    [Fact]
    public static async Task TheEnvironmentWinsOverProfileFiles()
    {
        using var run = new TestRun();
        run.Environment["IMAGE_TAG"] = "from-env";
        run.WriteFile(".nuke/parameters.ci.json", """{ "ImageTag": "from-profile" }""");
        (await Bind(run, "Show --profile ci")).ImageTag.ShouldBe("from-env");
    }

    [Fact]
    public static async Task TheNukePrefixedVariableIsReadToo()
    {
        using var run = new TestRun();
        run.Environment["NUKE_IMAGE_TAG"] = "prefixed";
        (await Bind(run, "Show")).ImageTag.ShouldBe("prefixed");
    }

    [Fact]
    public static async Task AProfileWinsOverTheDefaultsAndALaterProfileOverAnEarlierOne()
    {
        using var run = new TestRun();
        run.WriteFile(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "ImageTag": "defaults", "Registry": "r0" }""");
        run.WriteFile(".nuke/parameters.ci.json", """{ "ImageTag": "ci", "Registry": "r1" }""");
        run.WriteFile(".nuke/parameters.local.json", """{ "Registry": "r2" }""");
        var build = await Bind(run, "Show --profile ci --profile local");
        build.ImageTag.ShouldBe("ci");
        build.Registry.ShouldBe("r2");
    }

    [Fact]
    public static async Task TheDefaultsFileIsReadWithoutAProfile()
    {
        using var run = new TestRun();
        run.WriteFile(".nuke/parameters.json", """{ "ImageTag": "defaults" }""");
        var build = await Bind(run, "Show");
        build.ImageTag.ShouldBe("defaults");
        build.Registry.ShouldBe("default-registry");
    }

    [Fact]
    public static async Task AnUnknownProfileIsAUsageErrorListingTheProfiles()
    {
        using var run = new TestRun();
        run.WriteFile(".nuke/parameters.ci.json", "{}");
        (await run.RunAsync(new TagBuild(), "Show --profile nope")).ShouldBe(2);
        run.Output.Trim().ShouldBe("Profile 'nope' does not exist: no .nuke/parameters.nope.json. Available: ci");
    }

    [Theory]
    [InlineData("--imageTag")]
    [InlineData("--IMAGE_TAG")]
    [InlineData("--image-tag")]
    [InlineData("--ImageTag")]
    public static async Task OptionNamesIgnoreCaseDashesAndUnderscores(string spelling)
    {
        using var run = new TestRun();
        (await Bind(run, $"Show {spelling} x")).ImageTag.ShouldBe("x");
    }

    [Fact]
    public static async Task AnEqualsSignSeparatesNameAndValueToo()
    {
        using var run = new TestRun();
        (await Bind(run, "Show --image-tag=1.0")).ImageTag.ShouldBe("1.0");
    }

    [Fact]
    public static async Task AnUnknownParameterIsAUsageErrorWithASuggestion()
    {
        using var run = new TestRun();
        (await run.RunAsync(new TagBuild(), "Show --image-tga 1")).ShouldBe(2);
        run.Output.Trim().ShouldBe("Unknown parameter '--image-tga'. Did you mean '--image-tag'? Run with --help to list the parameters.");
    }
}
