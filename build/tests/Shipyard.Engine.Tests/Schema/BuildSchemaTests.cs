using System.Text.Json;
using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Schema;

public static class BuildSchemaTests
{
    public enum Strategy { GitOps, Ssm }

    private sealed class SchemaBuild : BuildBase
    {
        [Parameter("Services to work on")] readonly string[] Service = [];
        [Parameter("Deploy strategy")] readonly Strategy Mode = Strategy.GitOps;
        [Parameter("Retries")] readonly int Retries = 1;
        [Parameter("Slack token"), Secret] readonly string? SlackToken = null;

        Target Test => _ => _.Executes(() => { });
        Target Deploy => _ => _.DependsOn(Test).Executes(() => { });
        Target Hidden => _ => _.Unlisted().Executes(() => { });
    }

    private static JsonElement Properties(string schema) =>
        JsonDocument.Parse(schema).RootElement.GetProperty("definitions").GetProperty("build").GetProperty("properties");

    [Fact]
    public static void TheSchemaDescribesEveryParameterWithItsType()
    {
        var properties = Properties(BuildSchema.Render(new SchemaBuild()));
        properties.GetProperty("Service").GetProperty("type").GetString().ShouldBe("array");
        properties.GetProperty("Service").GetProperty("description").GetString().ShouldBe("Services to work on");
        properties.GetProperty("Mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(["GitOps", "Ssm"]);
        properties.GetProperty("Retries").GetProperty("type").GetString().ShouldBe("integer");
        properties.GetProperty("SlackToken").GetProperty("description").GetString().ShouldBe("Slack token (secret)");
    }

    [Fact]
    public static void TargetAndSkipAreArraysOfTheListedTargetNames()
    {
        var properties = Properties(BuildSchema.Render(new SchemaBuild()));
        foreach (var name in new[] { "Target", "Skip" })
            properties.GetProperty(name).GetProperty("items").GetProperty("enum").EnumerateArray()
                .Select(e => e.GetString()).ShouldBe(["Test", "Deploy"]);
    }

    [Fact]
    public static async Task ALocalRunWritesTheSchemaWhenItIsStaleAndLeavesItAloneOtherwise()
    {
        using var run = new TestRun();
        var path = Path.Combine(run.NukeDirectory, "build.schema.json");
        File.WriteAllText(path, "stale");
        (await run.RunAsync(new SchemaBuild(), "Test")).ShouldBe(0);
        File.ReadAllText(path).ShouldBe(BuildSchema.Render(new SchemaBuild()));

        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));
        (await run.RunAsync(new SchemaBuild(), "--help")).ShouldBe(0);
        File.GetLastWriteTimeUtc(path).ShouldBe(written.AddHours(-1));
    }

    [Fact]
    public static async Task ACiRunNeverWritesTheSchema()
    {
        using var run = new TestRun();
        run.Environment["GITHUB_ACTIONS"] = "true";
        var path = Path.Combine(run.NukeDirectory, "build.schema.json");
        (await run.RunAsync(new SchemaBuild(), "Test")).ShouldBe(0);
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public static async Task GenerateSchemaWritesItAndRunsNothing()
    {
        using var run = new TestRun();
        (await run.RunAsync(new SchemaBuild(), "Deploy --generate-schema")).ShouldBe(0);
        File.ReadAllText(Path.Combine(run.Root, ".nuke", "build.schema.json")).ShouldBe(BuildSchema.Render(new SchemaBuild()));
        run.Output.Trim().ShouldBe("Wrote .nuke/build.schema.json");
    }

    [Fact]
    public static async Task WithoutANukeFolderALocalRunWritesNoFile()
    {
        using var run = new TestRun();
        (await run.RunAsync(new SchemaBuild(), "Test")).ShouldBe(0);
        Directory.Exists(Path.Combine(run.Root, ".nuke")).ShouldBeFalse();
    }
}
