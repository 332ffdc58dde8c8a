using Build.Tests.Deploy;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Fakes;

namespace Build.Tests.Reliability;

/// <summary>
/// SIGINT delivered to the real build process while Verify waits for a rollout that never completes, and while the
/// automatic Rollback's own verification waits for the restored version.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class InterruptedVerifyTests : IAsyncLifetime
{
    private DeployWorld _world = null!;
    private ArgoCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        _world = await DeployWorld.CreateAsync();
        foreach (var tag in new[] { "good111", "bad2222" }) await _world.Registry.PutImageAsync("todo/todo-api", tag, seed: tag);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        await _world.DisposeAsync();
    }

    private string[] Args(string tag) => _world.DeployArgs(tag, "--deploy-lock", "git-ref", "--verify-timeout", "5m");

    [Fact]
    public async Task SigintWhileVerifyWaitsForTheRolloutKeepsThePushedDeployAndSaysHowToGoOn()
    {
        // The cluster runs the seeded version and no controller rolls anything out: the rollout never completes.
        _cluster = await ArgoCluster.StartAsync(_world.Remote, _ => false, autoSync: false);
        using var build = BuildProcess.Start(_world.Root, _world.Environment(_cluster.Kubeconfig), Args("good111"));
        var watching = _cluster.Api.WaitForWatchesAsync("deployments", 1, TestContext.Current.CancellationToken);
        await build.WaitUntilAsync(() => watching.IsCompleted, "Verify watches the Deployment");

        var exitCode = await build.InterruptAsync();

        exitCode.ShouldBe(130, build.Output);
        build.Output.ShouldContain("Verify (todo-api) was cancelled.");
        var pushed = _world.GitRemote("rev-parse", "main");
        _world.GitRemote("log", "-1", "--format=%s", "main").ShouldBe("Update todo-api to version good111");
        build.InterruptedLine.ShouldStartWith($"Interrupted: todo-api good111 is deployed (commit {pushed[..7]} in ");
        build.InterruptedLine.ShouldEndWith("but not verified. Next: ./build.sh Verify --service todo-api to check what runs, or ./build.sh Rollback --service todo-api to undo the deploy.");
        build.Output.ShouldContain("nothing rolled back: interrupted, and no verification had failed");
        await AssertNothingLeftAsync(build);
    }

    [Fact]
    public async Task SigintWhileTheRollbackVerifiesTheRestoredVersionEndsPromptlyWithTheRollbackCommitWhole()
    {
        var cluster = _cluster = await ArgoCluster.StartAsync(_world.Remote, image => image.Contains(":bad", StringComparison.Ordinal), autoSync: true);
        (await Platform.PipelineRun.StartAsync(_world.Root, _world.Environment(cluster.Kubeconfig), null, Args("good111"))).ExitCode.ShouldBe(0);
        var good = _world.GitRemote("rev-parse", "main");
        using var build = BuildProcess.Start(_world.Root, _world.Environment(cluster.Kubeconfig), Args("bad2222"));
        // Argo CD rolls out the bad version (it crash-loops), then stops syncing: the restored version never rolls out.
        await build.WaitUntilAsync(() => cluster.Controller.Applied.Any(i => i.Contains(":bad2222", StringComparison.Ordinal)), "the bad version was rolled out");
        cluster.App.AutoSync = false;
        // The rollback's commit is pushed, then its verify waits for good111 (which never rolls out: Argo CD stopped syncing).
        await build.WaitUntilAsync(() => _world.GitRemote("log", "-1", "--format=%s", "main").StartsWith("Roll back todo-api", StringComparison.Ordinal),
            "the rollback commit was pushed", TimeSpan.FromSeconds(45));
        var rollbackStarted = build.Output.Length;
        await build.WaitUntilAsync(() => build.Output.Length > rollbackStarted, "the rollback's verify reported", TimeSpan.FromSeconds(45));

        var exitCode = await build.InterruptAsync(TimeSpan.FromSeconds(15));

        exitCode.ShouldBe(130, build.Output);
        var bad = _world.GitRemote("rev-parse", "main~1");
        _world.GitRemote("log", "-1", "--format=%s|%(trailers:key=Reverts,valueonly)", "main").Trim().ShouldBe($"Roll back todo-api to version good111|{bad}");
        _world.GitRemote("diff", good, "main", "--", DeployWorld.Manifest).ShouldBeEmpty();
        var rollback = _world.GitRemote("rev-parse", "main");
        build.Output.ShouldContain("interrupted before good111 was verified");
        build.InterruptedLine.ShouldStartWith($"Interrupted: todo-api is rolled back to good111 (commit {rollback[..7]} in ");
        build.InterruptedLine.ShouldEndWith("not verified. Next: ./build.sh Verify --service todo-api to check what runs.");
        await AssertNothingLeftAsync(build);
    }

    [Fact]
    public async Task SigintWhileTheRollbackWaitsForArgoCdEndsPromptlyAndKeepsTheRollbackCommitInTheRecord()
    {
        var cluster = _cluster = await ArgoCluster.StartAsync(_world.Remote, image => image.Contains(":bad", StringComparison.Ordinal), autoSync: true);
        string[] ArgsWithArgo(string tag) => [.. Args(tag), .. cluster.ArgoArgsWith("5m")];
        (await Platform.PipelineRun.StartAsync(_world.Root, _world.Environment(cluster.Kubeconfig), null, ArgsWithArgo("good111"))).ExitCode.ShouldBe(0);
        using var build = BuildProcess.Start(_world.Root, _world.Environment(cluster.Kubeconfig), ArgsWithArgo("bad2222"));
        // Argo CD rolls out the bad version (it crash-loops); once the deploy's own sync wait is over (Verify started),
        // its controller stops: the rollback's sync never ends.
        await build.WaitUntilAsync(() => cluster.Controller.Applied.Any(i => i.Contains(":bad2222", StringComparison.Ordinal)), "the bad version was rolled out");
        await build.WaitUntilAsync(() => build.Output.Contains("── Verify", StringComparison.Ordinal), "Verify started", TimeSpan.FromSeconds(45));
        cluster.App.Paused = true;
        await build.WaitUntilAsync(() => _world.GitRemote("log", "-1", "--format=%s", "main").StartsWith("Roll back todo-api", StringComparison.Ordinal),
            "the rollback commit was pushed", TimeSpan.FromSeconds(45));
        var pushed = build.Output.Length;
        await build.WaitUntilAsync(() => build.Output.Length > pushed, "the rollback waits for Argo CD", TimeSpan.FromSeconds(45));

        var exitCode = await build.InterruptAsync(TimeSpan.FromSeconds(15));

        exitCode.ShouldBe(130, build.Output);
        var rollback = _world.GitRemote("rev-parse", "main");
        _world.GitRemote("log", "-1", "--format=%s", "main").ShouldBe("Roll back todo-api to version good111");
        build.Output.ShouldContain($"rolled back to good111, but interrupted while Argo CD synced {rollback[..7]} with good111 (the commit is pushed)", Case.Sensitive, build.Output);
        build.InterruptedLine.ShouldStartWith($"Interrupted: todo-api is rolled back to good111 (commit {rollback[..7]} in ");
        build.InterruptedLine.ShouldEndWith("not verified. Next: ./build.sh Verify --service todo-api to check what runs.");
        await AssertNothingLeftAsync(build);
    }

    private async Task AssertNothingLeftAsync(BuildProcess build)
    {
        Leftovers.LockRefs(_world).ShouldBeEmpty(build.Output);
        Leftovers.TempFolders(_world).ShouldBeEmpty(build.Output);
        (await Leftovers.ProcessesAfterAsync(_world)).ShouldBeEmpty(build.Output);
    }
}
