using Shipyard.Delivery.Images.Tags;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Versioning;

public sealed class BuildVersionFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly Dictionary<string, string> Local = [];

    [Fact]
    public void LocallyTheVersionIsHeadItsBranchAndItsTags()
    {
        using var git = new GitRemoteRepository();
        var sha = git.Commit("services/todo-api/a.txt", "feat: a");
        git.Tag("todo-api/v1.2.3");
        git.Tag("todo-web/v0.4.0");

        var version = BuildVersionFactory.Create(git.WorkTree, Local, Now);

        version.Sha.ShouldBe(sha);
        version.Branch.ShouldBe("main");
        version.Tags.Order().ShouldBe(["todo-api/v1.2.3", "todo-web/v0.4.0"]);
        version.CommitTime.ShouldNotBeNull();
        version.Timestamp.ShouldBe(Now);
        ReleaseTags.For(version, "todo-api")!.ToString().ShouldBe("1.2.3");
        TagScheme.Parse("metadata-action", "test").TagsFor(version, "todo-web").ShouldContain("0.4");
    }

    [Fact]
    public void ADetachedHeadHasNoBranch()
    {
        using var git = new GitRemoteRepository();
        var sha = git.Commit("a.txt", "chore: a");
        GitRemoteRepository.Git(git.WorkTree, "checkout", "-q", sha);

        BuildVersionFactory.Create(git.WorkTree, Local, Now).Branch.ShouldBeNull();
    }

    [Fact]
    public void OnGitHubActionsATagRefIsTheReleaseAndTheRunIdIsKept()
    {
        using var git = new GitRemoteRepository();
        var sha = git.Commit("a.txt", "feat: a");
        var ci = new Dictionary<string, string> { ["GITHUB_REF"] = "refs/tags/todo-api/v2.0.0", ["GITHUB_SHA"] = sha, ["GITHUB_RUN_ID"] = "991" };

        var version = BuildVersionFactory.Create(git.WorkTree, ci, Now);

        version.Branch.ShouldBeNull();
        version.Tag.ShouldBe("todo-api/v2.0.0");
        version.RunId.ShouldBe("991");
        ReleaseTags.For(version, "todo-api")!.ToString().ShouldBe("2.0.0");
    }

    [Fact]
    public void OnGitHubActionsABranchRefIsTheBranchEvenOnADetachedCheckout()
    {
        using var git = new GitRemoteRepository();
        var sha = git.Commit("a.txt", "feat: a");
        GitRemoteRepository.Git(git.WorkTree, "checkout", "-q", sha);
        var ci = new Dictionary<string, string> { ["GITHUB_REF"] = "refs/heads/feature/login", ["GITHUB_SHA"] = sha };

        BuildVersionFactory.Create(git.WorkTree, ci, Now).Branch.ShouldBe("feature/login");
    }

    [Fact]
    public void APullRequestUsesItsHeadBranch()
    {
        using var git = new GitRemoteRepository();
        var sha = git.Commit("a.txt", "feat: a");
        var ci = new Dictionary<string, string> { ["GITHUB_REF"] = "refs/pull/12/merge", ["GITHUB_SHA"] = sha, ["GITHUB_HEAD_REF"] = "fix/x" };

        BuildVersionFactory.Create(git.WorkTree, ci, Now).Branch.ShouldBe("fix/x");
    }

    [Fact]
    public void OutsideAGitRepositoryIsAUsageError()
    {
        var dir = Directory.CreateTempSubdirectory("no-git-").FullName;
        try
        {
            Should.Throw<UsageException>(() => BuildVersionFactory.Create(dir, Local, Now)).Message.ShouldContain("not inside a git repository");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
