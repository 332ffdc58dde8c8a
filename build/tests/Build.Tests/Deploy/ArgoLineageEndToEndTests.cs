using Build.Tests.Platform;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// Deploys racing on one GitOps branch through the real Pipeline, with a fake Argo CD rendering that branch into the
/// fake cluster (auto-sync, its controller busy until every commit has landed): Argo CD applies the branch head, never
/// each deploy's own commit, and each deploy counts that head as its own when its history has the deploy's commit — and
/// only then.
/// </summary>
[Trait("EndToEnd", "gitops")]
public sealed class ArgoLineageEndToEndTests : IAsyncLifetime
{
    private const string Tag = "abc1234";
    private DeployWorld _world = null!;
    private ArgoCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await DeployWorld.CreateAsync();
        await _world.Registry.PutImageAsync("todo/todo-api", Tag);
        await _world.Registry.PutImageAsync("todo/todo-worker", Tag);
        _cluster = await ArgoCluster.StartAsync(_world.Remote, _ => false, autoSync: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _world.DisposeAsync();
    }

    // No kubeconfig: Verify judges Argo CD's health at the deployed revision.
    private Task<PipelineRun> DeployAsync(string service, params string[] more) => PipelineRun.StartAsync(_world.Root, _world.Environment(), null,
        ["Deploy", "--service", service, "--skip", "Test", "Build", "Push", "--image-tag", Tag, .. _world.Common, .. more]);

    [Fact]
    public async Task TwoDeploysWhoseCommitsLandBeforeArgoCdLooksBothSucceedNamingTheNewerRevisionThatContainsTheirs()
    {
        var (worker, workerSource) = await _cluster.AddApplicationAsync("todo-worker");
        _cluster.App.Paused = worker.Paused = true; // Argo CD's controller is busy elsewhere
        var seed = _world.GitRemote("rev-parse", "main");

        var api = DeployAsync("todo-api", _cluster.ArgoArgs);
        var workers = DeployAsync("todo-worker", _cluster.ArgoArgs);
        await LandedAsync(seed, 2, api, workers);
        // A third writer (another service's deploy, a person) pushes on top of both before Argo CD looks.
        var tip = PushOnTop("deploy/argocd/notes.txt");
        _cluster.App.Paused = worker.Paused = false;
        var (apiRun, workerRun) = (await api, await workers);

        foreach (var (run, service) in new[] { (apiRun, "todo-api"), (workerRun, "todo-worker") })
        {
            run.ExitCode.ShouldBe(0, run.Output);
            var deploy = run.Row("Deploy", service);
            var ours = deploy.Facts[DeliveryFacts.Commit];
            _world.GitRemote("merge-base", "--is-ancestor", ours, tip).ShouldBeEmpty(); // ours is below the tip
            deploy.Note!.ShouldContain($"Argo CD {service}: auto-sync: Synced at {tip[..7]} (contains ours, {ours[..7]}; waited ");
            deploy.Facts[DeliveryFacts.ArgoCdRevision].ShouldBe(tip);
            run.Row("Verify", service).ShouldSatisfyAllConditions(
                r => r.Status.ShouldBe(TargetStatus.Succeeded),
                r => r.Facts[DeliveryFacts.Source].ShouldBe("argocd"),
                r => r.Facts[DeliveryFacts.ArgoCdRevision].ShouldBe(tip),
                r => r.Note!.ShouldStartWith($"Healthy at {tip[..7]} per Argo CD (contains ours, {ours[..7]}; waited "));
        }
        apiRun.Row("Deploy", "todo-api").Facts[DeliveryFacts.Commit].ShouldNotBe(workerRun.Row("Deploy", "todo-worker").Facts[DeliveryFacts.Commit]);
        // Argo CD applied the head once per application, never a deploy's own commit alone.
        _cluster.Source.Rendered.ShouldBe([seed, tip]);
        workerSource.Rendered.ShouldBe([seed, tip]);
    }

    [Fact]
    public async Task ANewerRevisionOfAnotherHistoryDoesNotCountAndTheDeployFailsAtTheDeadlineSayingSo()
    {
        _cluster.App.Paused = true;
        var seed = _world.GitRemote("rev-parse", "main");

        var deploy = DeployAsync("todo-api", [.. _cluster.ArgoArgsWith("5s"), "--no-rollback"]);
        await LandedAsync(seed, 1, deploy);
        var ours = _world.GitRemote("rev-parse", "main");
        // Somebody force-pushes main: a commit on the seed replaces ours.
        var rewritten = PushOnTop("deploy/argocd/notes.txt", onto: seed);
        _cluster.App.Paused = false;
        var run = await deploy;

        run.ExitCode.ShouldBe(1, run.Output);
        run.Row("Deploy", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed),
            r => r.Facts[DeliveryFacts.Commit].ShouldBe(ours),
            r => r.Note!.ShouldStartWith($"Argo CD application todo-api was not Synced at revision {ours[..7]} (or a newer one containing it) within 00:00:05; "),
            r => r.Note!.ShouldContain($"(revision {rewritten[..7]}, operation Succeeded for {rewritten[..7]}, waiting for {ours[..7]}: {rewritten[..7]} does not contain it)"));
        _cluster.Source.Rendered.ShouldBe([seed, rewritten]);
    }

    // Waits until the deploys pushed `count` commits on top of `seed` (a deploy that ended before that fails the test).
    private async Task LandedAsync(string seed, int count, params Task<PipelineRun>[] runs)
    {
        for (var waited = 0; _world.GitRemote("rev-list", "--count", $"{seed}..main") != count.ToString(System.Globalization.CultureInfo.InvariantCulture); waited += 100)
        {
            if (runs.FirstOrDefault(r => r.IsCompleted) is { } ended) throw new InvalidOperationException($"a deploy ended before its commit landed:\n{(await ended).Output}");
            if (waited > 120_000) throw new TimeoutException("the deploys' commits did not land");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    // Pushes a commit writing `file` on top of main, or force-pushes one on top of `onto`; returns it.
    private string PushOnTop(string file, string? onto = null)
    {
        var work = Path.Combine(_world.Root, ".nuke", "temp", $"writer-{Guid.NewGuid():N}");
        DeployWorld.Git(_world.Root, "clone", "--quiet", _world.Remote, work);
        if (onto is not null) DeployWorld.Git(work, "reset", "--quiet", "--hard", onto);
        File.WriteAllText(Path.Combine(work, file), $"written by another writer at {DateTimeOffset.UtcNow:O}\n");
        DeployWorld.Git(work, "add", "--", file);
        DeployWorld.Git(work, "commit", "--quiet", "-m", "Another writer");
        DeployWorld.Git(work, "push", "--quiet", "--force", "origin", "HEAD:refs/heads/main");
        var sha = DeployWorld.Git(work, "rev-parse", "HEAD");
        Directory.Delete(work, recursive: true);
        return sha;
    }
}
