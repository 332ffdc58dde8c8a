using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>A shallow clone lacking the base is deepened from its remote; when it cannot be, the run fails loudly.</summary>
public sealed class ShallowCloneTests
{
    private static Task<ChangeSet> DetectAsync(GitSandbox repo, ChangeRequest request, TextWriter? log = null) =>
        ChangeDetection.ForRepository(repo.Root, new ProcessRunner(log ?? TextWriter.Null, s => s))
            .DetectAsync(request, TodoPlatform.Catalog(), TestContext.Current.CancellationToken);

    private static (GitSandbox Origin, string Before) OriginWithTwoPushes()
    {
        var origin = TodoPlatform.Repository();
        var before = origin.Head;
        origin.Write("services/todo-worker/W.cs", "w").Commit("worker");
        origin.Write("services/todo-api/A.cs", "a").Commit("api");
        return (origin, before);
    }

    [Fact]
    public async Task AShallowCloneIsDeepenedFromItsRemoteAndThenDiffed()
    {
        var (origin, before) = OriginWithTwoPushes();
        using var _ = origin;
        using var clone = GitSandbox.Clone(origin, depth: 1);
        clone.Git("rev-parse", "--is-shallow-repository").ShouldBe("true");
        var log = new StringWriter();

        var changes = await DetectAsync(clone, new ChangeRequest
        {
            BaseFrom = BaseSource.Event,
            Event = new ChangeEvent { Name = "push", Before = before, Ref = "refs/heads/main" },
        }, log);

        log.ToString().ShouldContain("fetch --no-tags --quiet --unshallow origin");
        clone.Git("rev-parse", "--is-shallow-repository").ShouldBe("false");
        changes.EventBase.Sha.ShouldBe(before);
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-api", "todo-worker"]);
    }

    [Fact]
    public async Task AShallowCloneThatCannotBeDeepenedFailsInOneLineInsteadOfReportingNothing()
    {
        var (origin, before) = OriginWithTwoPushes();
        using var clone = GitSandbox.Clone(origin, depth: 1);
        origin.Dispose(); // the remote is gone: fetching cannot work

        var error = await Should.ThrowAsync<BuildFailedException>(() => DetectAsync(clone, new ChangeRequest
        {
            BaseFrom = BaseSource.Event,
            Event = new ChangeEvent { Name = "push", Before = before, Ref = "refs/heads/main" },
        }));

        error.Message.ShouldStartWith("Cannot compute changes: the clone lacks the base history and 'git fetch --unshallow origin' failed (");
        error.Message.ShouldEndWith("check out with fetch-depth: 0 or pass --base.");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task AShallowCloneOfAFeatureBranchFetchesTheDefaultBranchForTheMergeBase()
    {
        using var origin = TodoPlatform.Repository();
        var fork = origin.Head;
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("services/todo-worker/W.cs", "w").Commit("worker");
        using var clone = GitSandbox.Clone(origin, depth: 1, branch: "feature");

        var changes = await DetectAsync(clone, new ChangeRequest
        {
            Event = new ChangeEvent { Name = "pull_request", PullRequestBaseRef = "main" },
        });

        changes.EventBase.Sha.ShouldBe(fork);
        changes.ToBuild.Select(a => a.Service.Name).ShouldBe(["todo-worker"]);
    }
}
