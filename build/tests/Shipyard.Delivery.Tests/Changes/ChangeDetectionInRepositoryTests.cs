using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>Change detection end to end on real repositories: a clone, one commit, the CI outputs.</summary>
public sealed class ChangeDetectionInRepositoryTests
{
    private static async Task<(ChangeSet Changes, Dictionary<string, string> Outputs)> DetectAfterAsync(Action<GitSandbox> change)
    {
        using var origin = TodoPlatform.Repository();
        using var clone = GitSandbox.Clone(origin);
        var before = clone.Head;
        change(clone);
        clone.Commit("change");
        var request = new ChangeRequest
        {
            Event = new ChangeEvent { Name = "push", Before = before, Ref = "refs/heads/main" },
        };
        var detector = ChangeDetection.ForRepository(clone.Root, new ProcessRunner(TextWriter.Null, s => s));
        var changes = await detector.DetectAsync(request, TodoPlatform.Catalog(), TestContext.Current.CancellationToken);
        return (changes, ChangeReport.Outputs(changes).ToDictionary(o => o.Key, o => o.Value));
    }

    [Fact]
    public async Task ACommitTouchingOnlyTheApiBuildsOnlyTheApi()
    {
        var (changes, outputs) = await DetectAfterAsync(r => r.Write("services/todo-api/Program.cs", "// changed\n"));

        outputs["matrix"].ShouldBe("""{"include":[{"service":"todo-api","build":true,"deploy":true}]}""");
        outputs["services"].ShouldBe("todo-api");
        outputs["any"].ShouldBe("true");
        changes.EventBase.Reason.ShouldBe("push: before");
    }

    [Fact]
    public async Task ACommitTouchingTheSharedLibraryBuildsBothServices()
    {
        var (_, outputs) = await DetectAfterAsync(r => r.Write("libs/todo-shared/Todo.cs", "// changed\n"));

        outputs["matrix"].ShouldBe("""{"include":[{"service":"todo-api","build":true,"deploy":true},{"service":"todo-worker","build":true,"deploy":true}]}""");
        outputs["services"].ShouldBe("todo-api,todo-worker");
    }

    [Fact]
    public async Task ACommitTouchingOnlyTheWorkersManifestDeploysItWithoutARebuild()
    {
        var (_, outputs) = await DetectAfterAsync(r => r.Write("deploy/applications/todo-worker/deployment.yaml", "kind: Deployment # 2 replicas\n"));

        outputs["matrix"].ShouldBe("""{"include":[{"service":"todo-worker","build":false,"deploy":true}]}""");
    }

    [Fact]
    public async Task ACommitTouchingOnlyTheReadmeGivesAnEmptyMatrixAndSaysSo()
    {
        var (changes, outputs) = await DetectAfterAsync(r => r.Write("README.md", "# todo platform\n"));

        outputs["matrix"].ShouldBe("""{"include":[]}""");
        outputs["services"].ShouldBe("");
        outputs["any"].ShouldBe("false");
        ChangeReport.Table(changes).ShouldContain("No service changed: nothing to build or deploy.");
    }

    [Fact]
    public async Task MovingAFileFromAServiceIntoTheSharedLibraryIsADeleteAndAnAdd()
    {
        var (_, outputs) = await DetectAfterAsync(r => r.Git("mv", "services/todo-worker/Program.cs", "libs/todo-shared/Worker.cs"));

        outputs["services"].ShouldBe("todo-api,todo-worker");
    }

    [Fact]
    public async Task DeletingAServiceBuildsNothingForIt()
    {
        var (changes, _) = await DetectAfterAsync(r => r.Delete("services/todo-worker"));

        // The head's catalog no longer has todo-worker; only catalog services can be affected.
        var catalogAtHead = TodoPlatform.Catalog().Where(s => s.Name != "todo-worker").ToList();
        new AffectedSetCalculator(catalogAtHead).Compute(["services/todo-worker/Program.cs", "services/todo-worker/Dockerfile"])
            .ShouldAllBe(a => !a.IsAffected);
        changes.Services.Single(s => s.Service.Name == "todo-api").IsAffected.ShouldBeFalse();
    }
}
