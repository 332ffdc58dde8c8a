using Shipyard.Delivery.Changes;

namespace Shipyard.Delivery.Tests.Changes;

public sealed class GitHubEventReaderTests
{
    [Fact]
    public void APushPayloadGivesBeforeRefAndDefaultBranch()
    {
        var ev = GitHubEventReader.Read("push",
            """{"before":"abc","after":"def","ref":"refs/heads/trunk","repository":{"default_branch":"trunk"}}""");

        ev.ShouldBe(new ChangeEvent { Name = "push", Before = "abc", Ref = "refs/heads/trunk", DefaultBranch = "trunk" });
        ev.Branch.ShouldBe("trunk");
    }

    [Fact]
    public void APullRequestPayloadGivesTheTargetBranchAndItsTip()
    {
        var ev = GitHubEventReader.Read("pull_request",
            """{"pull_request":{"base":{"ref":"main","sha":"0a1b2c3"},"head":{"ref":"feature"}}}""", "refs/pull/7/merge");

        ev.IsPullRequest.ShouldBeTrue();
        (ev.PullRequestBaseRef, ev.PullRequestBaseSha, ev.Ref).ShouldBe(("main", "0a1b2c3", "refs/pull/7/merge"));
    }

    [Fact]
    public void NoEventNameIsALocalRun() =>
        GitHubEventReader.Read(null, null, defaultBranch: "develop").ShouldBe(ChangeEvent.Local with { DefaultBranch = "develop" });
}
