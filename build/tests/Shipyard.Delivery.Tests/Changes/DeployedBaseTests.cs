using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>The deployed commit recorded in a service's manifest as its base: failed deploys are retried.</summary>
public sealed class DeployedBaseTests
{
    private static Task<ChangeSet> DetectAsync(GitSandbox repo, ChangeRequest request) =>
        ChangeDetection.ForRepository(repo.Root, new ProcessRunner(TextWriter.Null, s => s))
            .DetectAsync(request, TodoPlatform.Catalog(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task AServiceWhoseDeployFailedIsBuiltAgainOnTheNextPush()
    {
        using var repo = TodoPlatform.Repository();
        var deployed = repo.Head;
        repo.Write("deploy/applications/todo-api/kustomization.yaml", TodoPlatform.Kustomization("todo-api", deployed[..7]))
            .Write("deploy/applications/todo-worker/kustomization.yaml", TodoPlatform.Kustomization("todo-worker", deployed[..7]))
            .Commit("deploy both [skip ci]");
        repo.Write("services/todo-api/A.cs", "a").Commit("api change whose deploy failed");
        var before = repo.Head;
        repo.Write("README.md", "docs").Commit("docs only");
        var push = new ChangeEvent { Name = "push", Before = before, Ref = "refs/heads/main" };

        var byEvent = await DetectAsync(repo, new ChangeRequest { BaseFrom = BaseSource.Event, Event = push });
        var byDeployed = await DetectAsync(repo, new ChangeRequest { Event = push }); // auto: deployed outside pull requests

        byEvent.Any.ShouldBeFalse();
        byDeployed.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-api"]);
        byDeployed.Services[0].Reasons.ShouldBe([$"services/todo-api (1 file) since deployed {deployed[..7]}"]);
        byDeployed.Services[1].IsAffected.ShouldBeFalse(); // the manifest's own bump is not a reason to redeploy
    }

    [Fact]
    public async Task ATagThatIsNoCommitHereFallsBackToTheEvent()
    {
        using var repo = TodoPlatform.Repository();
        repo.Write("deploy/applications/todo-api/kustomization.yaml", TodoPlatform.Kustomization("todo-api", "sha-abcdef1"))
            .Commit("deploy an image built elsewhere");
        var before = repo.Head;
        repo.Write("services/todo-worker/W.cs", "w").Commit("worker");

        var changes = await DetectAsync(repo, new ChangeRequest
        {
            BaseFrom = BaseSource.Deployed,
            Event = new ChangeEvent { Name = "push", Before = before, Ref = "refs/heads/main" },
        });

        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-worker"]);
    }

    [Fact]
    public async Task PullRequestsIgnoreTheDeployedCommitInAutoMode()
    {
        using var repo = TodoPlatform.Repository();
        var deployed = repo.Head;
        repo.Write("deploy/applications/todo-api/kustomization.yaml", TodoPlatform.Kustomization("todo-api", deployed))
            .Write("services/todo-api/A.cs", "merged but not deployed").Commit("main moves on");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("services/todo-worker/W.cs", "w").Commit("worker");

        var changes = await DetectAsync(repo, new ChangeRequest
        {
            Event = new ChangeEvent { Name = "pull_request", PullRequestBaseRef = "main" },
        });

        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-worker"]);
    }
}
