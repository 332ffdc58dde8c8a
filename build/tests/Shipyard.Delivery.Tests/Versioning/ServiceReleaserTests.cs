using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Versioning;

/// <summary>Bump on real repositories with a bare remote over file://.</summary>
public sealed class ServiceReleaserTests
{
    private static readonly string[] ApiPaths = ["services/todo-api", "libs/shared"];

    private static ReleasePlan Bump(GitRemoteRepository git, BumpKind? force = null)
    {
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);
        return releaser.Release(releaser.Plan("todo-api", ApiPaths, monorepo: true, force), "origin", token: null);
    }

    private static GitRemoteRepository Released()
    {
        var git = new GitRemoteRepository();
        git.Commit("services/todo-api/a.txt", "feat: first");
        git.Tag("todo-api/v1.2.3");
        git.PushAll();
        return git;
    }

    [Theory]
    [InlineData("feat: due dates", "todo-api/v1.3.0")]
    [InlineData("fix: null title", "todo-api/v1.2.4")]
    [InlineData("perf: faster list", "todo-api/v1.2.4")]
    [InlineData("feat!: new ids", "todo-api/v2.0.0")]
    [InlineData("fix: ids\n\nBREAKING CHANGE: ids are strings", "todo-api/v2.0.0")]
    public void ACommitToTheServiceReleasesTheNextVersionAndTheTagReachesTheRemote(string message, string tag)
    {
        using var git = Released();
        git.Commit("services/todo-api/b.txt", "chore: tidy");
        git.Commit("services/todo-api/c.txt", message);

        var plan = Bump(git);

        plan.Tag.ShouldBe(tag);
        plan.Pushed.ShouldBeTrue();
        plan.Commits.Count.ShouldBe(2);
        git.RemoteTags().ShouldContain(tag);
        GitRemoteRepository.Git(git.RemotePath, "cat-file", "-t", tag).ShouldBe("tag"); // annotated
    }

    [Fact]
    public void CommitsToOtherServicesAreIgnored()
    {
        using var git = Released();
        git.Commit("services/todo-web/a.txt", "feat!: web rewrite");
        git.Commit("services/todo-api/b.txt", "fix: api bug");

        Bump(git).Tag.ShouldBe("todo-api/v1.2.4");
    }

    [Fact]
    public void ACommitToADependencyCounts()
    {
        using var git = Released();
        git.Commit("libs/shared/x.txt", "feat: shared helper");

        Bump(git).Tag.ShouldBe("todo-api/v1.3.0");
    }

    [Fact]
    public void NothingReleasableCreatesNoTag()
    {
        using var git = Released();
        git.Commit("services/todo-web/a.txt", "feat: web only");
        git.Commit("services/todo-api/b.txt", "docs: comments");

        var plan = Bump(git);

        plan.Next.ShouldBeNull();
        plan.Tag.ShouldBeNull();
        plan.Note.ShouldStartWith("nothing to release since v1.2.3");
        git.LocalTags().ShouldBe(["todo-api/v1.2.3"]);
        git.RemoteTags().ShouldBe(["todo-api/v1.2.3"]);
    }

    [Fact]
    public void TheFirstReleaseIsOneZeroZero()
    {
        using var git = new GitRemoteRepository();
        git.Commit("services/todo-api/a.txt", "fix: start");
        git.PushAll();

        Bump(git).Tag.ShouldBe("todo-api/v1.0.0");
    }

    [Fact]
    public void ASingleServiceRepositoryUsesPlainVTags()
    {
        using var git = new GitRemoteRepository();
        git.Commit("services/todo-api/a.txt", "feat: start");
        git.Tag("v0.4.1");
        git.Commit("services/todo-api/b.txt", "fix: bug");
        git.PushAll();
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);

        releaser.Plan("todo-api", ApiPaths, monorepo: false).Tag.ShouldBe("v0.4.2");
    }

    [Fact]
    public void ASingleServiceRepositoryKeepsServiceTagsWhenItHasThem()
    {
        using var git = Released();
        git.Commit("services/todo-api/b.txt", "fix: bug");
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);

        releaser.Plan("todo-api", ApiPaths, monorepo: false).Tag.ShouldBe("todo-api/v1.2.4");
    }

    [Fact]
    public void BumpOverridesTheCommits()
    {
        using var git = Released();
        git.Commit("services/todo-api/b.txt", "fix: small");

        Bump(git, BumpKind.Major).Tag.ShouldBe("todo-api/v2.0.0");
    }

    [Fact]
    public void AnUnreachableRemoteFailsInOneLineAndLeavesNoLocalTag()
    {
        using var git = Released();
        git.Commit("services/todo-api/b.txt", "feat: x");
        GitRemoteRepository.Git(git.WorkTree, "remote", "set-url", "origin", "file:///nonexistent/repo.git");
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);

        var error = Should.Throw<BuildFailedException>(() =>
            releaser.Release(releaser.Plan("todo-api", ApiPaths, true), "origin", token: "tok-secret-42"));

        error.Message.ShouldStartWith("Could not push tag todo-api/v1.3.0 to 'origin'");
        error.Message.ShouldNotContain("tok-secret-42");
        git.LocalTags().ShouldBe(["todo-api/v1.2.3"]);
    }

    [Fact]
    public void ARemoteThatDoesNotExistIsRefusedBeforeAnyTagIsCreated()
    {
        using var git = Released();
        git.Commit("services/todo-api/b.txt", "feat: x");
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);

        var early = Should.Throw<UsageException>(() => ServiceReleaser.ValidateRemote(git.WorkTree, "upstream", "--git-remote"));
        var late = Should.Throw<UsageException>(() => releaser.Release(releaser.Plan("todo-api", ApiPaths, true), "upstream", token: null));

        early.Message.ShouldBe("--git-remote 'upstream' does not exist in this repository, so a release tag could not be pushed. Remotes: origin.");
        late.Message.ShouldStartWith("The git remote 'upstream' does not exist");
        git.LocalTags().ShouldBe(["todo-api/v1.2.3"]);
    }
}
