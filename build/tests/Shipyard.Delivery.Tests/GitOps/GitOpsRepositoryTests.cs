using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

public sealed class GitOpsRepositoryTests : IDisposable
{
    private const string File = "deploy/todo-api/kustomization.yaml";
    private const string Kustomization = "# managed by CI\nimages:\n- name: todo-api\n  newName: reg/todo-api\n  newTag: old1234 # current\n";
    private static readonly GitOpsManifest Manifest = new() { Path = File, ImageName = "todo-api", Application = "todo-api" };
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-work-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static GitOpsChange Change(string tag, Action? beforeEdit = null) => new(File, (text, path) =>
    {
        beforeEdit?.Invoke();
        return ManifestEditors.For(ManifestKind.Kustomize).Edit(text, path, Manifest, new ImageReference("reg", "todo-api", tag));
    }, $"Update todo-api to version {tag}\n\nSource-Commit: 0123456789");

    private GitOpsRepository Open(GitOpsBareRepository remote, int attempts = 10) =>
        new(new GitOpsRepositorySettings { Url = remote.FileUrl, WorkRoot = _work, MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(1) },
            TextWriter.Null, TimeProvider.System);

    [Fact]
    public async Task AWriteLandsOneCommitByTheBotWhoseDiffIsTheTagLine()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = Kustomization });

        var result = await Open(remote).WriteAsync(Change("abc1234"), TestContext.Current.CancellationToken);

        (await remote.LogAsync()).Count.ShouldBe(2);
        result.Commit.ShouldNotBeNull();
        (await remote.GitAsync("rev-parse", "main")).Trim().ShouldBe(result.Commit);
        (await remote.GitAsync("show", "--no-patch", "--format=%an <%ae>|%cn|%B", "main")).ShouldBe(
            "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|github-actions[bot]|Update todo-api to version abc1234\n\nSource-Commit: 0123456789\n\n");
        (await remote.GitAsync("diff", "--unified=0", "main~1", "main")).Split('\n').Where(l => l.StartsWith('+') || l.StartsWith('-'))
            .ShouldBe([$"--- a/{File}", $"+++ b/{File}", "-  newTag: old1234 # current", "+  newTag: abc1234 # current"]);
        result.Edit.Previous!.Tag.ShouldBe("old1234");
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task AWriteCommitsTheOneFileAsATreeChangeKeepingItsBomAndEveryOtherFile()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string>
        {
            [File] = "\uFEFF" + Kustomization,
            ["deploy/todo-worker/kustomization.yaml"] = "images:\n- name: todo-worker\n  newTag: w1\n",
            ["README.md"] = "infra\n",
        });

        var result = await Open(remote).WriteAsync(Change("abc1234"), TestContext.Current.CancellationToken);

        result.Commit.ShouldNotBeNull();
        (await remote.GitAsync("diff", "--raw", "--no-abbrev", "main~1", "main")).Trim().Split('\n').Single()
            .ShouldStartWith(":100644 100644 ");
        (await remote.GitAsync("diff", "--name-only", "main~1", "main")).Trim().ShouldBe(File);
        (await remote.GitAsync("show", $"main:{File}")).ShouldBe("\uFEFF" + Kustomization.Replace("old1234", "abc1234", StringComparison.Ordinal));
        (await remote.GitAsync("ls-tree", "-r", "--name-only", "main")).Trim().Split('\n').Length.ShouldBe(3);
    }

    [Fact]
    public async Task TheSameVersionAgainMakesNoCommit()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = Kustomization });
        var repository = Open(remote);
        await repository.WriteAsync(Change("abc1234"), TestContext.Current.CancellationToken);

        var again = await repository.WriteAsync(Change("abc1234"), TestContext.Current.CancellationToken);

        again.Commit.ShouldBeNull();
        again.Edit.Changed.ShouldBeFalse();
        (await remote.LogAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task WhenAnotherWriterPushesFirstTheEditIsReappliedOnTheNewTipAndBothChangesSurvive()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = Kustomization, ["other.yaml"] = "a: 1\n" });
        var raced = false;
        void Race()
        {
            if (raced) return;
            raced = true;
            remote.CommitAsync("other.yaml", "a: 2\n", "Another writer").GetAwaiter().GetResult();
        }

        var result = await Open(remote).WriteAsync(Change("abc1234", Race), TestContext.Current.CancellationToken);

        result.Attempts.ShouldBe(3); // the rejected push, its hand-off ticket, the push as the front
        (await remote.LogAsync()).Select(l => l[41..]).ShouldBe(["Update todo-api to version abc1234", "Another writer", "Seed manifests"]);
        (await remote.ShowAsync("other.yaml")).ShouldBe("a: 2\n");
        (await remote.ShowAsync(File)).ShouldContain("newTag: abc1234 # current");
        (await remote.GitAsync("rev-list", "--merges", "main")).ShouldBeEmpty();
    }

    [Fact]
    public async Task WhenOthersKeepWinningTheWriteGivesUpAfterTheLastAttemptWithoutPushingAnything()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = Kustomization, ["other.yaml"] = "a: 0\n" });
        var n = 0;
        void Race() => remote.CommitAsync("other.yaml", $"a: {++n}\n", $"Writer {n}").GetAwaiter().GetResult();

        var error = await Should.ThrowAsync<BuildFailedException>(() => Open(remote, attempts: 3).WriteAsync(Change("abc1234", Race), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("was rejected 3 times");
        (await remote.LogAsync()).ShouldAllBe(l => !l.Contains("todo-api"));
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task AMissingManifestIsAUsageErrorAndNothingIsPushed()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { ["x.yaml"] = "a: 1\n" });

        var error = await Should.ThrowAsync<UsageException>(() => Open(remote).WriteAsync(Change("abc1234"), TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith($"{File}: no such file in the GitOps repository");
        (await remote.LogAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AnUnreachableRepositoryOrAMissingBranchIsAOneLineUsageError()
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = Kustomization });
        var missing = new GitOpsRepository(new GitOpsRepositorySettings { Url = Path.Combine(_work, "nope.git") }, TextWriter.Null, TimeProvider.System);
        var branch = new GitOpsRepository(new GitOpsRepositorySettings { Url = remote.Path, Branch = "prod" }, TextWriter.Null, TimeProvider.System);

        (await Should.ThrowAsync<UsageException>(() => missing.CheckReachableAsync(TestContext.Current.CancellationToken)))
            .Message.ShouldBe($"GitOps repository {Path.Combine(_work, "nope.git")} does not exist (give a clone URL or the path of a repository)");
        var refused = new GitOpsRepository(new GitOpsRepositorySettings { Url = "http://127.0.0.1:1/infra.git" }, TextWriter.Null, TimeProvider.System);
        (await Should.ThrowAsync<UsageException>(() => refused.CheckReachableAsync(TestContext.Current.CancellationToken)))
            .Message.ShouldStartWith("GitOps repository http://127.0.0.1:1/infra.git is not reachable: ");
        (await Should.ThrowAsync<UsageException>(() => branch.CheckReachableAsync(TestContext.Current.CancellationToken)))
            .Message.ShouldBe($"GitOps repository {remote.Path} has no branch 'prod' (set --gitops-branch)");
        await new GitOpsRepository(new GitOpsRepositorySettings { Url = remote.Path }, TextWriter.Null, TimeProvider.System)
            .CheckReachableAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AUrlCarryingCredentialsIsRefusedWithoutEchoingThem()
    {
        var error = Should.Throw<UsageException>(() =>
            new GitOpsRepository(new GitOpsRepositorySettings { Url = "https://x-access-token:s3cr3t@example.com/infra.git" }, TextWriter.Null, TimeProvider.System));

        error.Message.ShouldNotContain("s3cr3t");
        error.Message.ShouldContain("--gitops-token");
    }
}
