using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;
using static Shipyard.Delivery.Tests.ArgoCd.ArgoCdRepositorySourceTests;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>
/// The Argo CD waits with the GitOps repository's lineage, against the fake Argo CD rendering a real repository: another
/// writer's commit on top of ours is synced instead of ours and both waits end naming it; a sync request never goes back
/// to ours; a commit of another history (a force push that dropped ours) never counts.
/// </summary>
public sealed partial class ArgoCdLineageTests : ArgoFixture
{
    private readonly string _work = Directory.CreateTempSubdirectory("argo-lineage-work-").FullName;
    private GitOpsBareRepository _repo = null!;
    private FakeKubernetesApi _api = null!;
    private FakeDeploymentController _controller = null!;
    private FakeArgoRepositorySource _source = null!;
    private string _seed = null!;

    [GeneratedRegex(@"^auto-sync: Synced at (\w{7}) \(contains ours, (\w{7}); waited \d+\.\d s\)$")]
    private static partial Regex AutoSyncOfNewer();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _controller.DisposeAsync();
        await _api.DisposeAsync();
        _repo.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<FakeArgoApplication> StartAsync(bool autoSync, Func<string, string>? liveAt = null)
    {
        _repo = await GitOpsBareRepository.CreateAsync(Files);
        _api = await FakeKubernetesApi.StartAsync();
        _controller = new FakeDeploymentController(_api, _ => false);
        _source = new FakeArgoRepositorySource(_repo.Path, "deploy/todo-api", _api, _controller) { WorkRoot = _work };
        _seed = _source.Head()!;
        var live = liveAt?.Invoke(_seed) ?? _seed;
        await _source.SeedAsync(live, Ct);
        return Api.Add(new FakeArgoApplication("todo-api", live) { Source = _source, AutoSync = autoSync });
    }

    private IRevisionLineage Lineage() =>
        new GitOpsRepository(new GitOpsRepositorySettings { Url = _repo.FileUrl, WorkRoot = _work }, TextWriter.Null, TimeProvider.System).OpenLineage();

    private async Task<(string Ours, string Newer)> PushOursThenAnotherWritersAsync()
    {
        await _repo.CommitAsync(Kustomization, KustomizationAt("v2"), "Update todo-api to version v2");
        var ours = _source.Head()!;
        await _repo.CommitAsync("deploy/todo-worker/kustomization.yaml", "images: []\n", "Update todo-worker to version w2");
        return (ours, _source.Head()!);
    }

    [Fact]
    public async Task AnAutoSyncOfAnotherWritersCommitOnTopOfOursEndsBothWaitsNamingThatCommit()
    {
        var app = await StartAsync(autoSync: true);
        var (ours, newer) = await PushOursThenAnotherWritersAsync();
        using var lineage = Lineage();
        var argo = Argo();

        var sync = await argo.SyncAsync("todo-api", ours, lineage, Ct);
        var health = await argo.WaitHealthyAsync("todo-api", ours, lineage, DateTimeOffset.UtcNow.AddSeconds(30), Ct);

        sync.ShouldSatisfyAllConditions(
            s => s.Revision.ShouldBe(ours), s => s.Live.ShouldBe(newer), s => s.Newer.ShouldBeTrue(), s => s.Mode.ShouldBe(ArgoSyncMode.AutoSync));
        AutoSyncOfNewer().Match(sync.Note).Groups.Values.Skip(1).Select(g => g.Value).ShouldBe([newer[..7], ours[..7]], sync.Note);
        health.Live.ShouldBe(newer);
        health.Note.ShouldStartWith($"Healthy at {newer[..7]} per Argo CD (contains ours, {ours[..7]}; waited ");
        _source.Rendered.ShouldBe([_seed, newer], "Argo CD applied the branch head, never ours alone");
        Log.ToString().ShouldContain($"todo-api: Argo CD reports {newer[..7]}, which contains ours ({ours[..7]}): it counts");
        Posts.ShouldBe(0);
        app.SyncRequests.ShouldBe(0);
    }

    [Fact]
    public async Task WithoutAutoSyncANewerCommitAlreadyAppliedIsNeverSyncedBackToOurs()
    {
        string? ours = null, newer = null;
        // Another run's deploy already synced its commit, which sits on top of ours.
        await StartAsync(autoSync: false, liveAt: _ =>
        {
            (ours, newer) = PushOursThenAnotherWritersAsync().GetAwaiter().GetResult();
            return newer;
        });
        using var lineage = Lineage();

        var sync = await Argo().SyncAsync("todo-api", ours!, lineage, Ct);

        sync.Mode.ShouldBe(ArgoSyncMode.External);
        sync.Live.ShouldBe(newer);
        Posts.ShouldBe(0);
        _source.Rendered.ShouldBe([newer!]);
    }

    [Fact]
    public async Task WithoutAutoSyncTheSyncRequestNamesTheNewerCommitArgoCdComparesAgainstNotOurs()
    {
        var app = await StartAsync(autoSync: false);
        var (ours, newer) = await PushOursThenAnotherWritersAsync();
        await RefreshAsync(app, newer);
        using var lineage = Lineage();

        var sync = await Argo().SyncAsync("todo-api", ours, lineage, Ct);

        sync.Mode.ShouldBe(ArgoSyncMode.Requested);
        sync.Note.ShouldStartWith($"synced {newer[..7]} on request (contains ours, {ours[..7]}; waited ");
        Log.ToString().ShouldContain($"todo-api: sync to {newer[..7]} (contains ours, {ours[..7]}) requested");
        app.SyncRequests.ShouldBe(1);
        _source.Rendered.ShouldBe([_seed, newer]);
    }

    [Fact]
    public async Task ACommitOfAnotherHistoryNeverCountsAndTheDeadlineSaysItDoesNotContainOurs()
    {
        var app = await StartAsync(autoSync: true);
        await _repo.CommitAsync(Kustomization, KustomizationAt("v2"), "Update todo-api to version v2");
        var ours = _source.Head()!;
        // Main is rewritten before Argo CD looks: a commit on the seed replaces ours.
        var rewritten = (await _repo.GitAsync("commit-tree", $"{ours}^{{tree}}", "-p", _seed, "-m", "Rewritten")).Trim();
        await _repo.GitAsync("update-ref", "refs/heads/main", rewritten);
        using var lineage = Lineage();

        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => Argo(timeout: TimeSpan.FromSeconds(3)).SyncAsync("todo-api", ours, lineage, Ct));

        error.Message.ShouldStartWith($"Argo CD application todo-api was not Synced at revision {ours[..7]} (or a newer one containing it) within 00:00:03; ");
        error.Message.ShouldContain($"last seen: Synced/Healthy (revision {rewritten[..7]}, operation Succeeded for {rewritten[..7]}, waiting for {ours[..7]}: {rewritten[..7]} does not contain it)");
        _source.Rendered.ShouldBe([_seed, rewritten]);
        app.SyncedAndHealthyAt(rewritten).ShouldNotBeNull();
    }

    [Fact]
    public async Task AGitOpsRepositoryThatCannotBeReadLeavesTheNewerCommitNotCountingAndTheDeadlineSaysWhy()
    {
        await StartAsync(autoSync: true);
        var (ours, newer) = await PushOursThenAnotherWritersAsync();
        using var lineage = new GitOpsRepository(
            new GitOpsRepositorySettings { Url = Path.Combine(_work, "missing.git"), WorkRoot = _work }, TextWriter.Null, TimeProvider.System).OpenLineage();

        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => Argo(timeout: TimeSpan.FromSeconds(2)).SyncAsync("todo-api", ours, lineage, Ct));

        error.Message.ShouldContain($"waiting for {ours[..7]} (cannot tell whether {newer[..7]} contains it: Cloning the GitOps repository ");
        Log.ToString().ShouldContain($"todo-api: cannot tell whether {newer[..7]} contains {ours[..7]} (Cloning the GitOps repository ");
    }

    // Another client (another run's build, the UI) asked for a refresh: Argo CD compares against the branch head.
    private async Task RefreshAsync(FakeArgoApplication app, string head)
    {
        using var http = new HttpClient();
        for (var reads = 0; !app.Served.Contains($"OutOfSync/Healthy@{head} op=Succeeded"); reads++)
        {
            if (reads > 250) throw new TimeoutException(string.Join("\n", app.Served));
            if (reads > 0) await Task.Delay(20, Ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Api.Url, $"api/v1/applications/todo-api{(reads == 0 ? "?refresh=normal" : "")}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Api.Token);
            (await http.SendAsync(request, Ct)).EnsureSuccessStatusCode();
        }
    }
}
