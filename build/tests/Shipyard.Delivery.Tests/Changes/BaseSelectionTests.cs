using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>Which base each kind of event gets, on real repositories.</summary>
public sealed class BaseSelectionTests
{
    private const string Zero = "0000000000000000000000000000000000000000";

    private static Task<ChangeSet> DetectAsync(GitSandbox repo, ChangeRequest request) =>
        ChangeDetection.ForRepository(repo.Root, new ProcessRunner(TextWriter.Null, s => s))
            .DetectAsync(request, TodoPlatform.Catalog(), TestContext.Current.CancellationToken);

    private static ChangeRequest Push(string before, string branch, BaseSource from = BaseSource.Event) => new()
    {
        BaseFrom = from,
        Event = new ChangeEvent { Name = "push", Before = before, Ref = $"refs/heads/{branch}" },
    };

    [Fact]
    public async Task ANewBranchComparesWithItsMergeBaseWithTheDefaultBranch()
    {
        using var origin = TodoPlatform.Repository();
        var fork = origin.Head;
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("services/todo-api/A.cs", "a").Commit("api");
        origin.Write("services/todo-worker/B.cs", "b").Commit("worker");
        using var clone = GitSandbox.Clone(origin, branch: "feature");

        var changes = await DetectAsync(clone, Push(Zero, "feature"));

        changes.EventBase.Sha.ShouldBe(fork);
        changes.EventBase.Reason.ShouldBe("new branch: merge-base with main");
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-api", "todo-worker"]);
    }

    [Fact]
    public async Task ANewDefaultBranchCountsEverythingAsChanged()
    {
        using var repo = TodoPlatform.Repository();

        var changes = await DetectAsync(repo, Push(Zero, "main"));

        changes.EventBase.Sha.ShouldBeNull();
        changes.ToBuild.Count.ShouldBe(2);
        changes.Services[0].Reasons.ShouldBe(["everything: new default branch main"]);
    }

    [Fact]
    public async Task AForcePushWhoseBeforeIsNoAncestorFallsBackToTheMergeBase()
    {
        using var origin = TodoPlatform.Repository();
        var fork = origin.Head;
        origin.Git("checkout", "-q", "-b", "feature");
        var rewritten = origin.Write("services/todo-worker/Old.cs", "old").Commit("old attempt");
        origin.Git("reset", "-q", "--hard", fork);
        origin.Write("services/todo-api/New.cs", "new").Commit("new attempt");
        using var clone = GitSandbox.Clone(origin, branch: "feature");
        clone.Git("fetch", "-q", "origin", $"{rewritten}:refs/kept/old"); // before exists but is not an ancestor

        var changes = await DetectAsync(clone, Push(rewritten, "feature"));

        changes.EventBase.Sha.ShouldBe(fork);
        changes.EventBase.Reason.ShouldStartWith("force push: before");
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-api"]);
    }

    [Fact]
    public async Task AForcePushWhoseBeforeIsGoneStillComparesWithTheMergeBase()
    {
        using var origin = TodoPlatform.Repository();
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("services/todo-api/New.cs", "new").Commit("api");
        using var clone = GitSandbox.Clone(origin, branch: "feature");

        var changes = await DetectAsync(clone, Push("1234567890abcdef1234567890abcdef12345678", "feature"));

        changes.EventBase.Reason.ShouldBe("force push: before 1234567 is not in the repository: merge-base with main");
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-api"]);
    }

    [Fact]
    public async Task AForcePushOnTheDefaultBranchNeverMeansNothingChanged()
    {
        using var repo = TodoPlatform.Repository();
        var gone = repo.Write("services/todo-api/X.cs", "x").Commit("to be rewritten");
        repo.Git("reset", "-q", "--hard", "HEAD~1");
        repo.Write("README.md", "rewritten").Commit("rewritten");
        repo.Git("update-ref", "refs/remotes/origin/main", "HEAD");

        var changes = await DetectAsync(repo, Push(gone[..7] + "000000000000000000000000000000000", "main"));

        changes.EventBase.Sha.ShouldBeNull();
        changes.ToBuild.Count.ShouldBe(2);
    }

    [Fact]
    public async Task APullRequestComparesWithTheMergeBaseOfItsTargetBranch()
    {
        using var origin = TodoPlatform.Repository();
        var fork = origin.Head;
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("services/todo-worker/W.cs", "w").Commit("worker");
        origin.Git("checkout", "-q", "main");
        origin.Write("services/todo-api/A.cs", "a").Commit("api on main"); // not part of the pull request
        using var clone = GitSandbox.Clone(origin, branch: "feature");
        var request = new ChangeRequest
        {
            Event = new ChangeEvent { Name = "pull_request", PullRequestBaseRef = "main", PullRequestBaseSha = origin.Head },
        };

        var changes = await DetectAsync(clone, request);

        changes.EventBase.Sha.ShouldBe(fork);
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-worker"]);
    }

    [Fact]
    public async Task AnExplicitBaseWinsAndAnUnknownOneFailsInOneLine()
    {
        using var repo = TodoPlatform.Repository();
        var first = repo.Head;
        repo.Write("services/todo-worker/W.cs", "w").Commit("worker");

        var changes = await DetectAsync(repo, new ChangeRequest { Base = first, Event = new ChangeEvent { Name = "push", Before = repo.Head } });
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-worker"]);

        var error = await Should.ThrowAsync<Shipyard.Engine.BuildFailedException>(() => DetectAsync(repo, new ChangeRequest { Base = "no-such-rev" }));
        error.Message.ShouldBe("--base 'no-such-rev' is not a commit in this repository: pass a fetched SHA, branch or tag.");
    }

    [Fact]
    public async Task BaseFromAllCountsEveryServiceAsChanged()
    {
        using var repo = TodoPlatform.Repository();

        var changes = await DetectAsync(repo, new ChangeRequest { BaseFrom = BaseSource.All });

        changes.ToDeploy.Count.ShouldBe(2);
    }
}
