using Shipyard.Delivery.Catalog;
using Shipyard.Benchmarks.GitOps;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.GitOps;

public sealed class GitOpsWriteQueueTests : IDisposable
{
    private const string Kustomization = "images:\n- name: {0}\n  newName: reg/{0}\n  newTag: old1234\n";
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-queue-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string FileOf(string service) => $"deploy/{service}/kustomization.yaml";

    private static GitOpsChange Change(string service, string tag, Action? beforeEdit = null) => new(FileOf(service), (text, path) =>
    {
        beforeEdit?.Invoke();
        return ManifestEditors.For(ManifestKind.Kustomize).Edit(text, path,
            new GitOpsManifest { Path = path, ImageName = service, Application = service }, new ImageReference("reg", service, tag));
    }, $"Update {service} to version {tag}\n");

    private GitOpsRepository Open(GitOpsBareRepository remote, TextWriter log, bool queue = true) =>
        new(new GitOpsRepositorySettings { Url = remote.FileUrl, WorkRoot = _work, QueueAfterRace = queue, BaseDelay = TimeSpan.FromMilliseconds(1) },
            log, TimeProvider.System);

    private static Task<GitOpsBareRepository> RemoteAsync() => GitOpsBareRepository.CreateAsync(new Dictionary<string, string>
    {
        [FileOf("todo-api")] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Kustomization, "todo-api"),
        [FileOf("todo-web")] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Kustomization, "todo-web"),
    });

    [Fact]
    public async Task AWriterThatLosesTheRaceQueuesOnTheWriteQueueRefRetriesAtOnceAndReleasesTheRef()
    {
        using var remote = await RemoteAsync();
        var log = new StringWriter();
        var other = Open(remote, TextWriter.Null);
        var raced = false;
        void Race()
        {
            if (raced) return;
            raced = true;
            other.WriteAsync(Change("todo-web", "web5678"), CancellationToken.None).GetAwaiter().GetResult();
        }

        var result = await Open(remote, log).WriteAsync(Change("todo-api", "api1234", Race), TestContext.Current.CancellationToken);

        result.Attempts.ShouldBe(2);
        log.ToString().ShouldContain("queuing behind the other writers");
        log.ToString().ShouldNotContain(" ms (attempt");
        (await remote.LogAsync()).Select(l => l[41..]).ShouldBe(["Update todo-api to version api1234", "Update todo-web to version web5678", "Seed manifests"]);
        (await remote.GitAsync("for-each-ref", "refs/locks/")).ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutTheQueueAWriterThatLosesTheRaceBacksOffAndRetries()
    {
        using var remote = await RemoteAsync();
        var log = new StringWriter();
        var raced = false;
        void Race()
        {
            if (raced) return;
            raced = true;
            remote.CommitAsync(FileOf("todo-web"), "images: []\n", "Another writer").GetAwaiter().GetResult();
        }

        var result = await Open(remote, log, queue: false).WriteAsync(Change("todo-api", "api1234", Race), TestContext.Current.CancellationToken);

        result.Attempts.ShouldBe(2);
        log.ToString().ShouldContain("ms (attempt 2 of 10)");
        log.ToString().ShouldNotContain("queuing");
        (await remote.GitAsync("rev-list", "--merges", "main")).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriterProcessesRacingOnOneBranchAllLandWithLinearHistory()
    {
        var figures = await new GitOpsProcessBenchmark(_work, ContenderProcess.Command).RunAsync(5, queue: true, TestContext.Current.CancellationToken);

        figures.Landed.ShouldBe(5);
        figures.Linear.ShouldBeTrue();
        figures.TotalAttempts.ShouldBeGreaterThanOrEqualTo(5);
        figures.ToString().ShouldContain("5/5 landed, history linear");
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }
}
