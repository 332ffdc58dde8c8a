using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>Many deploys against one remote at once: every commit lands, none is lost, history stays linear.</summary>
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

    private static GitOpsChange Change(int i) => new(FileOf(i), (text, path) => ManifestEditors.For(ManifestKind.Kustomize).Edit(
        text, path, ServiceOf(i).Manifest, new ImageReference("reg", $"svc-{i:00}", "abc1234")), $"Update svc-{i:00} to version abc1234\n");

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
