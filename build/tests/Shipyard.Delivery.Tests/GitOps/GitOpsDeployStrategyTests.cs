using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

[Trait("Reliability", "faults")]
public sealed class GitOpsDeployStrategyTests : IDisposable
{
    private const string File = "deploy/applications/todo-api/kustomization.yaml";
    private const string Kustomization = "resources: [deployment.yaml]\nimages:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: old1234\n";
    private static readonly BuildVersion Version = new("abc1234def5678abc1234def5678abc1234def56", "main", null, DateTimeOffset.UnixEpoch, "42");
    private static readonly ImageReference Image = new("127.0.0.1:5000", "todo-api", "abc1234");
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-strategy-").FullName;
    private readonly RecordingDeployLock _lock = new();
    private readonly List<string> _synced = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    internal static Service TodoApi(string file = File) => new()
    {
        Name = "todo-api",
        Directory = "services/todo-api",
        ImageRepository = "todo-api",
        Dockerfile = "services/todo-api/Dockerfile",
        Context = "services/todo-api",
        Manifest = new GitOpsManifest { Path = file, ImageName = "todo-api", Application = "todo-api" },
        Workload = new KubernetesWorkload { Deployment = "todo-api", Container = "api" },
    };

    private GitOpsDeployStrategy Strategy(string url, IArgoCd? argo = null) => new(
        new GitOpsRepository(new GitOpsRepositorySettings { Url = url, WorkRoot = _work }, TextWriter.Null, TimeProvider.System),
        _lock, argo ?? new RecordingArgoCd(_synced), new GitOpsDeploySettings { CiRun = "https://ci.example/runs/42" }, TextWriter.Null);

    internal static async Task<GitOpsReceipt> DeployAsync(IDeployStrategy strategy, ImageReference image, CancellationToken ct) =>
        (GitOpsReceipt)await strategy.DeployAsync(new DeployRequest(TodoApi(), image, Version), ct);

    private static Task<GitOpsBareRepository> RemoteAsync(string text = Kustomization) =>
        GitOpsBareRepository.CreateAsync(new Dictionary<string, string> { [File] = text });

    [Fact]
    public async Task ADeployCommitsWithTrailersUnderTheLockAndSyncsThePushedCommit()
    {
        using var remote = await RemoteAsync();

        var result = await DeployAsync(Strategy(remote.FileUrl), Image, Ct);

        (await remote.GitAsync("log", "-1", "--format=%B", "main")).ShouldBe(
            "Update todo-api to version abc1234\n\nSource-Commit: abc1234def5678abc1234def5678abc1234def56\nCI-Run: https://ci.example/runs/42\nDeploy-Lock: todo-api-1\n\n");
        result.Commit.ShouldBe((await remote.GitAsync("rev-parse", "main")).Trim());
        result.Previous.ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "old1234"));
        result.FencingToken.ShouldBe("todo-api-1");
        _synced.ShouldBe([$"todo-api@{result.Commit}"]);
        _lock.Events.ShouldBe(["acquire todo-api-1", "release todo-api-1"]);
        result.Note.ShouldStartWith($"abc1234 committed {result.Commit![..7]} to {remote.FileUrl}@main; Argo CD todo-api: synced {result.Commit[..7]} on request");
    }

    [Fact]
    public async Task TheArgoCdWaitIsGivenTheLineageOfTheGitOpsBranchWhoseCloneIsGoneAfterTheDeploy()
    {
        using var remote = await RemoteAsync();
        var seed = (await remote.GitAsync("rev-parse", "main")).Trim();
        var answers = new List<bool>();
        var argo = new RecordingArgoCd(_synced)
        {
            OnLineage = async (lineage, ours) =>
            {
                // While Argo CD is waited for, another writer pushes on top of the deploy's commit.
                await remote.CommitAsync("other.yaml", "moved: true\n", "Another writer");
                var newer = (await remote.GitAsync("rev-parse", "main")).Trim();
                answers.Add(await lineage.ShouldNotBeNull().ContainsAsync(newer, ours, Ct));
                answers.Add(await lineage.ContainsAsync(seed, ours, Ct));
            },
        };
        await remote.CommitAsync("other.yaml", "moved: false\n", "Seed another file");

        await DeployAsync(Strategy(remote.FileUrl, argo), Image, Ct);

        answers.ShouldBe([true, false]);
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeployingTheSameVersionAgainCommitsNothingAndSaysAlreadyDeployed()
    {
        using var remote = await RemoteAsync();
        var strategy = Strategy(remote.FileUrl);
        await DeployAsync(strategy, Image, Ct);

        var again = await DeployAsync(strategy, Image, Ct);

        again.Changed.ShouldBeFalse();
        again.Commit.ShouldBeNull();
        again.Note.ShouldStartWith("already deployed: ");
        (await remote.LogAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task AnInvalidTagOrAnUnreachableRepositoryFailsBeforeTheLockIsTaken()
    {
        using var remote = await RemoteAsync();

        (await Should.ThrowAsync<UsageException>(() => DeployAsync(Strategy(remote.FileUrl), Image with { Tag = "-bad:tag" }, Ct)))
            .Message.ShouldStartWith("image tag '-bad:tag' is not a valid image tag");
        (await Should.ThrowAsync<UsageException>(() => DeployAsync(Strategy(Path.Combine(_work, "missing.git")), Image, Ct)))
            .Message.ShouldContain("does not exist");
        _lock.Events.ShouldBeEmpty();
        (await remote.LogAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task MalformedYamlIsAOneLineUsageErrorAndTheLockIsReleased()
    {
        using var remote = await RemoteAsync("images:\n- name: todo-api\n  newTag: a: b\n");

        var error = await Should.ThrowAsync<UsageException>(() => DeployAsync(Strategy(remote.FileUrl), Image, Ct));

        error.Message.ShouldStartWith($"{File}:3: malformed YAML");
        _lock.Held.ShouldBe(0);
        _lock.Events.Count.ShouldBe(2);
        (await remote.LogAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AFailedOrCancelledSyncStillReleasesTheLock()
    {
        using var remote = await RemoteAsync();
        using var cts = new CancellationTokenSource();
        var failing = new RecordingArgoCd(_synced, () => throw new BuildFailedException("Argo CD: sync failed"));
        var cancelling = new RecordingArgoCd(_synced, () => { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); });

        var failed = await Should.ThrowAsync<DeployFailedException>(() => DeployAsync(Strategy(remote.FileUrl, failing), Image, Ct));
        await Should.ThrowAsync<OperationCanceledException>(() => DeployAsync(Strategy(remote.FileUrl, cancelling), Image with { Tag = "def5678" }, cts.Token));

        _lock.Held.ShouldBe(0);
        _lock.Events.ShouldBe(["acquire todo-api-1", "release todo-api-1", "acquire todo-api-2", "release todo-api-2"]);
        failed.Message.ShouldStartWith("Argo CD: sync failed (the commit ");
    }

    [Fact]
    public async Task ASyncThatFailsAfterThePushCarriesThePushedCommitAndThePreviousImage()
    {
        using var remote = await RemoteAsync();
        var failing = new RecordingArgoCd(_synced, () => throw new BuildFailedException("Argo CD: todo-api Degraded"));

        var failed = await Should.ThrowAsync<DeployFailedException>(() => DeployAsync(Strategy(remote.FileUrl, failing), Image, Ct));

        var changed = failed.Changed.ShouldBeOfType<GitOpsReceipt>();
        changed.Commit.ShouldBe((await remote.GitAsync("rev-parse", "main")).Trim());
        changed.Previous.ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "old1234"));
        changed.Image.ShouldBe(Image);
        changed.Changed.ShouldBeTrue();
    }

    [Fact]
    public async Task ValidationDryRunsTheEditsAndRejectsABrokenManifestWithoutTouchingTheLockOrTheRemote()
    {
        using var good = await RemoteAsync();
        using var broken = await RemoteAsync("images: [\n");

        await Strategy(good.FileUrl).ValidateAsync([new DeployRequest(TodoApi(), Image, Version)], Ct);
        var error = await Should.ThrowAsync<UsageException>(() => Strategy(broken.FileUrl).ValidateAsync([new DeployRequest(TodoApi(), Image, Version)], Ct));

        error.Message.ShouldStartWith($"{File}:2: malformed YAML");
        _lock.Events.ShouldBeEmpty();
        (await good.LogAsync()).Count.ShouldBe(1);
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutALockTheNoteSaysSo()
    {
        using var remote = await RemoteAsync();
        var strategy = new GitOpsDeployStrategy(
            new GitOpsRepository(new GitOpsRepositorySettings { Url = remote.Path, WorkRoot = _work }, TextWriter.Null, TimeProvider.System),
            new NoDeployLock(TextWriter.Null), null, new GitOpsDeploySettings(), TextWriter.Null);

        var result = await DeployAsync(strategy, Image, Ct);

        result.Note.ShouldEndWith("; no deploy lock configured");
        result.FencingToken.ShouldBeNull();
        (await remote.GitAsync("log", "-1", "--format=%B", "main")).ShouldBe($"Update todo-api to version abc1234\n\nSource-Commit: {Version.Sha}\n\n");
    }
}
