using Shipyard.Delivery.Workflows;

namespace Shipyard.Delivery.Tests.Workflows;

public sealed class WorkflowFilesTests
{
    [Fact]
    public async Task WritingTwiceChangesNothingTheSecondTimeAndLeavesHandWrittenWorkflowsAlone()
    {
        var dir = Directory.CreateTempSubdirectory("workflows-").FullName;
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(dir, "codeql.yml"), "name: hand-written\n", ct);
        var perService = WorkflowGenerator.Generate(WorkflowFixture.Spec(perService: true));

        (await WorkflowFiles.WriteAsync(dir, perService, ct)).Count.ShouldBe(5);
        (await WorkflowFiles.WriteAsync(dir, perService, ct)).ShouldBeEmpty();
        WorkflowFiles.Stale(dir, perService).ShouldBeEmpty();

        var fewer = WorkflowGenerator.Generate(WorkflowFixture.Spec());
        WorkflowFiles.Stale(dir, fewer).Select(Path.GetFileName).ShouldBe(["deploy-todo-api.yml", "deploy-todo-web.yml", "deploy-todo-worker.yml"]);
        await WorkflowFiles.WriteAsync(dir, fewer, ct);
        Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["codeql.yml", "deploy.yml", "pull_request.yml"]);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task AHandEditedGeneratedFileIsStale()
    {
        var dir = Directory.CreateTempSubdirectory("workflows-").FullName;
        var ct = TestContext.Current.CancellationToken;
        var workflows = WorkflowGenerator.Generate(WorkflowFixture.Spec());
        await WorkflowFiles.WriteAsync(dir, workflows, ct);
        await File.AppendAllTextAsync(Path.Combine(dir, "deploy.yml"), "# tweak\n", ct);

        WorkflowFiles.Stale(dir, workflows).Select(Path.GetFileName).ShouldBe(["deploy.yml"]);
        Directory.Delete(dir, recursive: true);
    }
}
