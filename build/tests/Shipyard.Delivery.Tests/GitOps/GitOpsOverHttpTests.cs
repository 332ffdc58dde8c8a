using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>The GitOps repository behind HTTP basic auth (nginx + git-http-backend), as on GitHub with a token.</summary>
public sealed class GitOpsOverHttpTests : IAsyncLifetime
{
    private const string File = "apps/todo-api/kustomization.yaml";
    private GitHttpServer _server = null!;
    private GitOpsBareRepository _remote = null!;
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-http-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await GitHttpServer.StartAsync();
        _remote = await GitOpsBareRepository.CreateAsync(
            new Dictionary<string, string> { [File] = "images:\n- name: todo-api\n  newTag: old1234\n" },
            Path.Combine(_server.RepositoryRoot, "infra.git"));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private GitOpsRepository Repository(string? token) =>
        new(new GitOpsRepositorySettings { Url = _server.UrlOf("infra.git"), Token = token, WorkRoot = _work }, TextWriter.Null, TimeProvider.System);

    private static GitOpsChange Change => new(File, (text, path) => ManifestEditors.For(ManifestKind.Kustomize).Edit(
        text, path, new GitOpsManifest { Path = File, ImageName = "todo-api", Application = "todo-api" }, new ImageReference("reg", "todo-api", "abc1234")), "Update todo-api to version abc1234\n");

    [Fact]
    public async Task WithTheTokenTheDeployClonesAndPushesAndTheTokenIsNowhereInTheClone()
    {
        string? config = null;
        var repository = Repository(_server.Password);
        await repository.CheckReachableAsync(Ct);
        var change = Change with
        {
            Edit = (text, path) =>
            {
                config = Directory.EnumerateFiles(_work, "config", SearchOption.AllDirectories).Select(System.IO.File.ReadAllText).Single();
                return Change.Edit(text, path);
            },
        };

        var result = await repository.WriteAsync(change, Ct);

        (await _remote.GitAsync("rev-parse", "main")).Trim().ShouldBe(result.Commit);
        (await _remote.ShowAsync(File)).ShouldContain("newTag: abc1234");
        config.ShouldNotBeNull().ShouldContain($"url = {_server.UrlOf("infra.git")}");
        config.ShouldNotContain(_server.Password);
    }

    [Fact]
    public async Task ARacingWriterOverHttpHandsOffItsCommitWithTheTokenAndTheTokenIsInNoRefOrMessage()
    {
        var log = new StringWriter();
        var raced = 0;
        var change = Change with
        {
            Edit = (text, path) =>
            {
                // Another writer moves the branch between this writer's clone and its push: the push loses the race.
                if (Interlocked.Increment(ref raced) == 1) _remote.CommitAsync(File, "# moved by another writer\nimages:\n- name: todo-api\n  newTag: old1234\n", "Another writer").GetAwaiter().GetResult();
                return Change.Edit(text, path);
            },
        };

        var result = await new GitOpsRepository(
            new GitOpsRepositorySettings { Url = _server.UrlOf("infra.git"), Token = _server.Password, WorkRoot = _work }, log, TimeProvider.System).WriteAsync(change, Ct);

        result.Attempts.ShouldBe(3, log.ToString()); // the rejected push, the ticket, the push as the front
        log.ToString().ShouldContain("this writer is at the front");
        (await _remote.GitAsync("rev-parse", "main")).Trim().ShouldBe(result.Commit);
        (await _remote.ShowAsync(File)).ShouldSatisfyAllConditions(t => t.ShouldStartWith("# moved by another writer\n"), t => t.ShouldContain("newTag: abc1234"));
        (await _remote.GitAsync("for-each-ref", "refs/gitops/")).ShouldBeEmpty();
        log.ToString().ShouldNotContain(_server.Password);
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutATokenTheServerAnswers401AndTheErrorSaysToPassOne()
    {
        using var http = new HttpClient();
        (await http.GetAsync($"{_server.UrlOf("infra.git")}/info/refs?service=git-upload-pack", Ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);

        var error = await Should.ThrowAsync<UsageException>(() => Repository(null).CheckReachableAsync(Ct));

        error.Message.ShouldStartWith($"GitOps repository {_server.UrlOf("infra.git")} is not reachable: ");
        error.Message.ShouldEndWith("(authentication required: pass --gitops-token)");
    }

    [Fact]
    public async Task AWrongTokenIsAOneLineErrorWithoutTheTokenAndNothingIsPushed()
    {
        const string wrong = "ghp_wrongwrongwrong123";

        var check = await Should.ThrowAsync<UsageException>(() => Repository(wrong).CheckReachableAsync(Ct));
        var write = await Should.ThrowAsync<BuildFailedException>(() => Repository(wrong).WriteAsync(Change, Ct));

        foreach (var message in new[] { check.Message, write.Message })
        {
            message.ShouldNotContain(wrong);
            message.ShouldNotContain("\n");
            message.ShouldEndWith("(the token was refused: check --gitops-token and its write access)");
        }
        (await _remote.LogAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task TheLineageReadsTheBranchWithTheTokenAndAWrongTokenFailsItWithoutTheToken()
    {
        const string wrong = "ghp_wronglineage456";
        var ours = (await _remote.GitAsync("rev-parse", "main")).Trim();
        await _remote.CommitAsync(File, "images:\n- name: todo-api\n  newTag: def5678\n", "Another writer");
        var newer = (await _remote.GitAsync("rev-parse", "main")).Trim();

        using (var lineage = Repository(_server.Password).OpenLineage())
            (await lineage.ContainsAsync(newer, ours, Ct)).ShouldBeTrue();
        using var refused = Repository(wrong).OpenLineage();
        var error = await Should.ThrowAsync<BuildFailedException>(() => refused.ContainsAsync(newer, ours, Ct));

        error.Message.ShouldNotContain(wrong);
        error.Message.ShouldNotContain("\n");
        error.Message.ShouldEndWith("(the token was refused: check --gitops-token and its write access)");
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }
}
