using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Tests.Reliability;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>Many deploys against one remote at once: every commit lands, none is lost, history stays linear.</summary>
[Trait("Reliability", "concurrency")]
public sealed class GitOpsConcurrencyTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-concurrency-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly BuildVersion Version = new("abc1234def5678abc1234def5678abc1234def56", "main", null, DateTimeOffset.UnixEpoch, null);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string FileOf(int i) => $"deploy/svc-{i:00}/kustomization.yaml";

    private static Service ServiceOf(int i) => GitOpsDeployStrategyTests.TodoApi(FileOf(i)) with
    {
        Name = $"svc-{i:00}",
        Manifest = new GitOpsManifest { Path = FileOf(i), ImageName = $"svc-{i:00}", Application = $"svc-{i:00}" },
    };

    private static Task<GitOpsBareRepository> RemoteAsync(int services, string? path = null) => GitOpsBareRepository.CreateAsync(
        Enumerable.Range(0, services).ToDictionary(FileOf, i => $"# svc {i}\nimages:\n- name: svc-{i:00}\n  newTag: seed000 # CI\n"), path);

    private GitOpsRepository Repository(string url, string? token = null) => new(
        new GitOpsRepositorySettings { Url = url, Token = token, WorkRoot = _work, MaxAttempts = 30 }, TextWriter.Null, TimeProvider.System);

    [Fact]
    public async Task TwentyDeploysOfTwentyServicesInOnePipelineAllLandOnAFileRemote()
    {
        using var remote = await RemoteAsync(20);

        await DeployAllAsync(remote, Repository(remote.FileUrl), 20);
    }

    [Fact]
    public async Task TwentyDeploysOfTwentyServicesInOnePipelineAllLandOverHttpWithAToken()
    {
        await using var server = await GitHttpServer.StartAsync();
        using var remote = await RemoteAsync(20, Path.Combine(server.RepositoryRoot, "infra.git"));

        await DeployAllAsync(remote, Repository(server.UrlOf("infra.git"), server.Password), 20);
    }

    [Fact]
    public async Task SeparateWritersRacingOnAFileRemoteLoseNothing()
    {
        using var remote = await RemoteAsync(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Repository(remote.FileUrl).WriteAsync(Change(i), Ct)));

        await AssertAllLandedAsync(remote, 8, results.Select(r => r.Commit!));
    }

    [Fact]
    public async Task SeparateWritersRacingOverHttpLoseNothing()
    {
        await using var server = await GitHttpServer.StartAsync();
        using var remote = await RemoteAsync(8, Path.Combine(server.RepositoryRoot, "infra.git"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Repository(server.UrlOf("infra.git"), server.Password).WriteAsync(Change(i), Ct)));

        await AssertAllLandedAsync(remote, 8, results.Select(r => r.Commit!));
    }

    [Fact]
    public async Task TwentySeparateWritersDeployingTenRoundsLoseNoUpdateAndKeepTheHistoryLinear()
    {
        const int writers = 20, rounds = 10;
        using var remote = await RemoteAsync(writers);
        // One repository object per writer for the whole test, as separate CI jobs each have their own.
        var repositories = Enumerable.Range(0, writers).Select(_ => Repository(remote.FileUrl)).ToList();
        var written = new List<(int Round, int Writer, string Commit)>();
        var failed = new List<string>();

        for (var round = 0; round < rounds; round++)
        {
            var results = await Task.WhenAll(repositories.Select((r, i) => WriteOrErrorAsync(r, Change(i, TagOf(round, i)))));
            for (var i = 0; i < writers; i++)
                if (results[i].Commit is { } commit) written.Add((round, i, commit));
                else failed.Add($"round {round}, writer {i}: {results[i].Error}");
        }

        var log = await remote.LogAsync();
        var onBranch = log.Select(l => l[..40]).ToHashSet();
        var missing = written.Where(w => !onBranch.Contains(w.Commit)).ToList();
        var stale = new List<int>();
        foreach (var last in written.GroupBy(w => w.Writer).Select(g => g.MaxBy(w => w.Round)))
            if (!(await remote.ShowAsync(FileOf(last.Writer))).Contains($"newTag: {TagOf(last.Round, last.Writer)} # CI", StringComparison.Ordinal)) stale.Add(last.Writer);
        var merges = (await remote.GitAsync("rev-list", "--merges", "main")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        ReliabilityFigures.Record("lost updates", missing.Count + stale.Count, written.Count);
        ReliabilityFigures.Record("failed writes", failed.Count, writers * rounds);
        ReliabilityFigures.Record("merge commits", merges, log.Count);

        missing.ShouldBeEmpty("every round's commits are on the branch");
        stale.ShouldBeEmpty("every manifest names its last written tag");
        merges.ShouldBe(0, "history linear");
        failed.ShouldBeEmpty("every write lands");
        log.Count.ShouldBe(writers * rounds + 1);
        // Each writer's rounds follow each other on the branch, and each commit sets its own manifest to its own tag.
        var position = log.Select((l, i) => (Commit: l[..40], Index: i)).ToDictionary(p => p.Commit, p => p.Index);
        for (var i = 0; i < writers; i++)
        {
            var own = written.Where(w => w.Writer == i).OrderBy(w => w.Round).Select(w => position[w.Commit]).ToList();
            own.ShouldBe(own.OrderDescending().ToList(), $"writer {i}'s rounds in order");
        }
        foreach (var (round, writer, commit) in written.Where(w => w.Round % 3 == 0))
            (await remote.GitAsync("show", "--format=", "--unified=0", commit)).ShouldContain($"+  newTag: {TagOf(round, writer)} # CI");
    }

    private static string TagOf(int round, int writer) => $"r{round:00}-w{writer:00}";

    // A write that fails is not a lost update (nothing of it was pushed), but it is a failed deploy: counted apart.
    private static async Task<(string? Commit, string? Error)> WriteOrErrorAsync(GitOpsRepository repository, GitOpsChange change)
    {
        try
        {
            return ((await repository.WriteAsync(change, Ct)).Commit.ShouldNotBeNull(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ShouldAssertException)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task DeployAllAsync(GitOpsBareRepository remote, GitOpsRepository repository, int services)
    {
        var deployLock = new RecordingDeployLock();
        var strategy = new GitOpsDeployStrategy(repository, deployLock, null, new GitOpsDeploySettings(), TextWriter.Null);

        var results = await Task.WhenAll(Enumerable.Range(0, services).Select(i =>
            strategy.DeployAsync(new DeployRequest(ServiceOf(i), new ImageReference("reg", $"svc-{i:00}", "abc1234"), Version), Ct)));

        await AssertAllLandedAsync(remote, services, results.Select(r => r.ChangeId!));
        deployLock.Held.ShouldBe(0);
        for (var i = 0; i < services; i++)
            (await remote.ShowAsync(FileOf(i))).ShouldBe($"# svc {i}\nimages:\n- name: svc-{i:00}\n  newTag: abc1234 # CI\n  newName: reg/svc-{i:00}\n");
    }

    private static GitOpsChange Change(int i, string tag = "abc1234") => new(FileOf(i), (text, path) => ManifestEditors.For(ManifestKind.Kustomize).Edit(
        text, path, ServiceOf(i).Manifest, new ImageReference("reg", $"svc-{i:00}", tag)), $"Update svc-{i:00} to version {tag}\n");

    private static async Task AssertAllLandedAsync(GitOpsBareRepository remote, int services, IEnumerable<string> commits)
    {
        var log = await remote.LogAsync();
        log.Count.ShouldBe(services + 1);
        log.Select(l => l[..40]).ShouldBe(log.Select(l => l[..40]).Distinct());
        commits.Order().ShouldBe(log.Take(services).Select(l => l[..40]).Order());
        (await remote.GitAsync("rev-list", "--merges", "main")).ShouldBeEmpty();
        // Each deploy commit touches exactly its own manifest.
        foreach (var line in log.Take(services))
            (await remote.GitAsync("show", "--format=", "--name-only", line[..40])).Trim().ShouldBe(FileOf(int.Parse(line.Split("svc-")[1][..2])));
    }
}
