using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>
/// "Does revision R contain our commit?", answered from real GitOps repositories: the commit itself and every newer
/// commit on top of it do; older ones, another history, a force push that dropped ours and unknown SHAs do not.
/// </summary>
public sealed class GitOpsLineageTests : IDisposable
{
    private const string File = "deploy/todo-api/kustomization.yaml";
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-lineage-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private GitOpsRepository Open(string url) => new(new GitOpsRepositorySettings { Url = url, WorkRoot = _work }, TextWriter.Null, TimeProvider.System);

    private static async Task<string> CommitAsync(GitOpsBareRepository remote, string tag)
    {
        await remote.CommitAsync(File, $"images:\n- name: todo-api\n  newTag: {tag}\n", $"Update todo-api to version {tag}");
        return await TipAsync(remote);
    }

    private static async Task<string> TipAsync(GitOpsBareRepository remote, string branch = "main") => (await remote.GitAsync("rev-parse", branch)).Trim();

    private static Task<GitOpsBareRepository> SeedAsync() =>
        GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = "images:\n- name: todo-api\n  newTag: old1234\n" });

    [Fact]
    public async Task EveryNewerCommitOnTheBranchContainsOursAndNoOlderOneDoes()
    {
        using var remote = await SeedAsync();
        var seed = await TipAsync(remote);
        var ours = await CommitAsync(remote, "abc1234");
        var next = await CommitAsync(remote, "def5678");
        var tip = await CommitAsync(remote, "fed9876");
        using var lineage = Open(remote.FileUrl).OpenLineage();

        (await lineage.ContainsAsync(next, ours, Ct)).ShouldBeTrue();
        (await lineage.ContainsAsync(tip, ours, Ct)).ShouldBeTrue();
        (await lineage.ContainsAsync(seed, ours, Ct)).ShouldBeFalse("the old revision");
        (await lineage.ContainsAsync(ours, tip, Ct)).ShouldBeFalse("ours is older than that one");
    }

    [Fact]
    public async Task ACommitContainsItselfWithoutAnyClone()
    {
        using var remote = await SeedAsync();
        var ours = await CommitAsync(remote, "abc1234");
        using var lineage = Open(remote.FileUrl).OpenLineage();

        (await lineage.ContainsAsync(ours, ours, Ct)).ShouldBeTrue();

        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACommitOfAnotherHistoryDoesNotContainOurs()
    {
        using var remote = await SeedAsync();
        var ours = await CommitAsync(remote, "abc1234");
        // Same files, no common ancestor, on another branch.
        var unrelated = (await remote.GitAsync("commit-tree", "main^{tree}", "-m", "Another history")).Trim();
        await remote.GitAsync("update-ref", "refs/heads/other", unrelated);
        using var lineage = Open(remote.FileUrl).OpenLineage();

        (await lineage.ContainsAsync(unrelated, ours, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnknownShaOrAnythingButAShaIsNotContained()
    {
        using var remote = await SeedAsync();
        var ours = await CommitAsync(remote, "abc1234");
        using var lineage = Open(remote.FileUrl).OpenLineage();

        (await lineage.ContainsAsync("0123456789abcdef0123456789abcdef01234567", ours, Ct)).ShouldBeFalse("no such commit, even after fetching the branch");
        (await lineage.ContainsAsync("main", ours, Ct)).ShouldBeFalse("a branch name is not a revision Argo CD reports");
        (await lineage.ContainsAsync(ours[..7], ours, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task AfterAForcePushThatDroppedOursNeitherTheNewTipNorTheDroppedCommitsCount()
    {
        using var remote = await SeedAsync();
        var seed = await TipAsync(remote);
        var ours = await CommitAsync(remote, "abc1234");
        var onTop = await CommitAsync(remote, "def5678");
        // Somebody rewrites main: a commit on the seed replaces ours and the one on top of it.
        var rewritten = (await remote.GitAsync("commit-tree", $"{onTop}^{{tree}}", "-p", seed, "-m", "Rewritten")).Trim();
        await remote.GitAsync("update-ref", "refs/heads/main", rewritten);
        await remote.GitAsync("reflog", "expire", "--expire=now", "--all");
        await remote.GitAsync("gc", "--prune=now", "--quiet");
        using var lineage = Open(remote.FileUrl).OpenLineage();

        (await lineage.ContainsAsync(rewritten, ours, Ct)).ShouldBeFalse("the new tip's history has no ours");
        (await lineage.ContainsAsync(onTop, ours, Ct)).ShouldBeFalse("gone from the repository: unknown after the fetch");
    }

    [Fact]
    public async Task ARevisionPushedAfterTheFirstQuestionIsFetchedIntoTheSameClone()
    {
        using var remote = await SeedAsync();
        var seed = await TipAsync(remote);
        var ours = await CommitAsync(remote, "abc1234");
        using var lineage = Open(remote.FileUrl).OpenLineage();
        (await lineage.ContainsAsync(seed, ours, Ct)).ShouldBeFalse();

        var newer = await CommitAsync(remote, "def5678");

        (await lineage.ContainsAsync(newer, ours, Ct)).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(_work).Count().ShouldBe(1, "one read-only clone per lineage");
    }

    [Fact]
    public async Task TheCloneGoesWithTheLineageAndTheAnswersStayWithTheRepository()
    {
        using var remote = await SeedAsync();
        var ours = await CommitAsync(remote, "abc1234");
        var newer = await CommitAsync(remote, "def5678");
        var repository = Open(remote.FileUrl);
        using (var first = repository.OpenLineage()) (await first.ContainsAsync(newer, ours, Ct)).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
        // The remote is gone: a question answered before needs no clone, a new one fails with one line.
        Directory.Move(remote.Path, remote.Path + ".gone");

        try
        {
            using var second = repository.OpenLineage();
            (await second.ContainsAsync(newer, ours, Ct)).ShouldBeTrue();
            var error = await Should.ThrowAsync<BuildFailedException>(() => second.ContainsAsync(ours, newer, Ct));
            error.Message.ShouldStartWith($"Cloning the GitOps repository {repository.Name} failed:");
            error.Message.ShouldNotContain("\n");
        }
        finally
        {
            Directory.Move(remote.Path + ".gone", remote.Path);
        }
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }
}
