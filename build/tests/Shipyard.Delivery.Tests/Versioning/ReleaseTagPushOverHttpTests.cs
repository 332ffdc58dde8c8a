using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Versioning;

/// <summary>Bump pushes its tag with a token to git over HTTP with basic auth (nginx + git-http-backend).</summary>
public sealed class ReleaseTagPushOverHttpTests
{
    private static readonly string[] Paths = ["services/todo-api"];

    private static async Task<(GitHttpServer Server, GitRemoteRepository Git)> ArrangeAsync()
    {
        var server = await GitHttpServer.StartAsync();
        var git = new GitRemoteRepository();
        git.Commit("services/todo-api/a.txt", "feat: first");
        git.PushAll();
        var bare = Path.Combine(server.RepositoryRoot, "todo.git");
        GitRemoteRepository.Git(server.RepositoryRoot, "clone", "-q", "--bare", git.RemotePath, bare);
        GitRemoteRepository.Git(bare, "config", "http.receivepack", "true");
        GitRemoteRepository.Git(git.WorkTree, "remote", "set-url", "origin", server.UrlOf("todo.git"));
        return (server, git);
    }

    [Fact]
    public async Task TheTokenPushesTheTagAndIsNeverWrittenToGitConfig()
    {
        var (server, git) = await ArrangeAsync();
        await using var _ = server;
        using var __ = git;
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);

        var plan = releaser.Release(releaser.Plan("todo-api", Paths, monorepo: true), "origin", server.Password);

        plan.Tag.ShouldBe("todo-api/v1.0.0");
        plan.Pushed.ShouldBeTrue();
        GitRemoteRepository.Git(Path.Combine(server.RepositoryRoot, "todo.git"), "tag", "--list").ShouldBe("todo-api/v1.0.0");
        File.ReadAllText(Path.Combine(git.WorkTree, ".git", "config")).ShouldNotContain(server.Password);
    }

    [Fact]
    public async Task AWrongTokenIsAOneLineErrorWithoutTheTokenAndLeavesNoTag()
    {
        var (server, git) = await ArrangeAsync();
        await using var _ = server;
        using var __ = git;
        var releaser = new ServiceReleaser(git.WorkTree, TimeProvider.System);

        var error = Should.Throw<BuildFailedException>(() =>
            releaser.Release(releaser.Plan("todo-api", Paths, monorepo: true), "origin", "wrong-token-777"));

        error.Message.ShouldStartWith("Could not push tag todo-api/v1.0.0 to 'origin'");
        error.Message.ShouldNotContain("wrong-token-777");
        error.Message.ShouldNotContain("\n");
        git.LocalTags().ShouldBeEmpty();
        GitRemoteRepository.Git(Path.Combine(server.RepositoryRoot, "todo.git"), "tag", "--list").ShouldBeEmpty();
    }
}
