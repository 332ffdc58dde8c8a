using Shipyard.Engine;

namespace Build.Tests.Platform;

public sealed class CatalogCliTests
{
    public static TheoryData<string> Targets() => ["Test", "Build", "Push", "Deploy", "Verify", "Rollback", "Bump"];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ABrokenServiceYamlStopsEveryTargetWithFileAndLineBeforeAnythingRuns(string target)
    {
        using var root = new TempRoot()
            .File("services/api/Dockerfile", "FROM scratch\n")
            .File("services/api/service.yaml", "test: touch ran\nimagee: api\n");

        var run = await PipelineRun.StartAsync(root.Path, target);

        run.ExitCode.ShouldBe(2, run.Output);
        run.Output.ShouldContain("services/api/service.yaml:2: unknown key 'imagee' (expected one of: image, dockerfile");
        run.Record.ShouldBeNull();
        root.Exists("services/api/ran").ShouldBeFalse();
    }

    [Fact]
    public async Task AnInvalidNameInServiceYamlStopsTheBuildWithItsLine()
    {
        using var root = new TempRoot()
            .File("services/api/Dockerfile", "FROM scratch\n")
            .File("services/api/service.yaml", "# names\ndeploy:\n  deployment: Api_Server\n");

        var run = await PipelineRun.StartAsync(root.Path, "Test");

        run.ExitCode.ShouldBe(2);
        run.Output.ShouldContain("services/api/service.yaml:3: 'deploy.deployment' is not a valid name: 'Api_Server'");
    }

    [Fact]
    public async Task AFolderWithADockerfileAddedToACopyOfTheRepositoryIsAService()
    {
        using var root = new TempRoot().CopySamplePlatform().File("services/todo-notifier/Dockerfile", "FROM scratch\n");

        var unknown = await PipelineRun.StartAsync(root.Path, "Test", "--service", "nope");
        var run = await PipelineRun.StartAsync(root.Path, "Test", "--service", "todo-notifier", "--skip-build-tests");

        unknown.Output.ShouldContain("Available: todo-api, todo-notifier, todo-worker");
        run.ExitCode.ShouldBe(0, run.Output);
        var row = run.Row("Test", "todo-notifier");
        row.Status.ShouldBe(TargetStatus.Skipped);
        row.Note!.ShouldStartWith("no tests");
    }
}
