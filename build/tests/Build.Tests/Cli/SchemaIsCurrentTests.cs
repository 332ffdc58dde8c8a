using Shipyard.Engine;

namespace Build.Tests.Cli;

public static class SchemaIsCurrentTests
{
    [Fact]
    public static void TheCheckedInSchemaMatchesThePipeline()
    {
        var path = Path.Combine(PipelineRun.RepositoryRoot(), ".nuke", "build.schema.json");
        File.ReadAllText(path).ShouldBe(BuildSchema.Render(new Pipeline()),
            ".nuke/build.schema.json is stale: run ./build.sh --generate-schema and commit it.");
    }
}
