using Shipyard.Delivery.Deploy;
using k8s;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.GitOps;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Tests.Locks;

/// <summary>
/// A real GitOps deploy under each kind of deploy lock, built by <see cref="DeployLocks.Create"/> as the pipeline builds
/// it: the lock's scratch folders (the git-ref lock's <c>shipyard-lock-*</c> repository and the askpass helper of its
/// token) exist while the lock is held and are gone once the deploy is done.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class DeployLeavesNoTempFolderTests : IAsyncLifetime
{
    private const string File = "deploy/applications/todo-api/kustomization.yaml";
    private const string Kustomization = "images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: old1234\n";
    private const string Repo = "acme/todo-platform";
    private readonly string _scratch = Directory.CreateTempSubdirectory("lock-scratch-").FullName;
    private readonly string _work = Directory.CreateTempSubdirectory("lock-work-").FullName;
    private FakeKubernetesApi _kubernetes = null!;
    private FakeGitHubApi _github = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _kubernetes = await FakeKubernetesApi.StartAsync();
        _kubernetes.Serve(KubernetesResourceType.Lease);
        _github = await FakeGitHubApi.StartAsync();
        _github.SetVariable(Repo, "ARGOCD_LOCK", "null");
    }

    public async ValueTask DisposeAsync()
    {
        await _kubernetes.DisposeAsync();
        await _github.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("git-ref", 2)]
    [InlineData("lease", 0)]
    [InlineData("github-variable", 0)]
    public async Task ADeployUnderTheLockLeavesNoTempFolderBehind(string kind, int foldersWhileHeld)
    {
        using var remote = await GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = Kustomization });
        var whileHeld = new List<string>();
        var deployLock = DeployLocks.Create(new DeployLockSettings
        {
            Kind = kind,
            Lock = new LockOptions { Holder = "run-1", Ttl = TimeSpan.FromMinutes(1) },
            Kubernetes = new KubernetesClientConfiguration { Host = _kubernetes.Url.ToString() },
            LeaseNamespace = "deploy",
            GitRemote = remote.FileUrl,
            GitToken = "gitops-token-1234", // makes the git-ref lock write its askpass helper too
            GitHubApiUrl = _github.Url,
            GitHubRepository = Repo,
            GitHubToken = "github-token",
            GitHubVerifyDelay = TimeSpan.Zero,
            ScratchRoot = _scratch,
        }, new ProcessRunner(TextWriter.Null, s => s), TimeProvider.System, TextWriter.Null);
        var repository = GitOpsRepositories.Create(new GitOpsRepositorySettings { Url = remote.FileUrl, WorkRoot = _work }, TextWriter.Null, TimeProvider.System);
        // Argo CD is asked to sync while the lock is held: the moment to see what the lock keeps on disk.
        var argoCd = new RecordingArgoCd([], () => whileHeld.AddRange(Directory.EnumerateFileSystemEntries(_scratch).Select(Path.GetFileName)!));
        var strategy = GitOpsRepositories.Strategy(repository, deployLock, argoCd, new GitOpsDeploySettings(), TextWriter.Null);

        var result = (GitOpsReceipt)await strategy.DeployAsync(new DeployRequest(GitOpsDeployStrategyTests.TodoApi(File), new ImageReference("127.0.0.1:5000", "todo-api", "abc1234"),
            new BuildVersion("abc1234def5678abc1234def5678abc1234def56", "main", null, DateTimeOffset.UnixEpoch, "42")), Ct);

        result.Commit.ShouldNotBeNull();
        whileHeld.Count.ShouldBe(foldersWhileHeld, string.Join(", ", whileHeld));
        if (foldersWhileHeld > 0) whileHeld.Select(f => f[..f.LastIndexOf('-')]).Order().ShouldBe(["shipyard-askpass", "shipyard-lock"]);
        Directory.EnumerateFileSystemEntries(_scratch).ShouldBeEmpty();
    }
}
