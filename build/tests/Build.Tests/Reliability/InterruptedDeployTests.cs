using Build.Tests.Deploy;
using Shipyard.Delivery.Tests.Fakes;

namespace Build.Tests.Reliability;

/// <summary>
/// SIGINT delivered to the real build process while a GitOps deploy holds its git-ref deploy lock and waits for an
/// Argo CD sync that never finishes.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class InterruptedDeployTests : IAsyncLifetime
{
    private DeployWorld _world = null!;
    private FakeArgoCdApi _argo = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await DeployWorld.CreateAsync();
        await _world.Registry.PutImageAsync("todo/todo-api", "good111", seed: "good111");
        _argo = await FakeArgoCdApi.StartAsync();
        var world = _world;
        // The sync operation Argo CD starts never ends: the deploy waits in its sync wait until interrupted.
        _argo.Add(new FakeArgoApplication("todo-api", world.GitRemote("rev-parse", "main")) { ReadHead = () => world.GitRemote("rev-parse", "main"), OperationTicks = int.MaxValue });
    }

    public async ValueTask DisposeAsync()
    {
        await _argo.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task SigintDuringTheArgoCdSyncWaitReleasesTheLockAndNamesThePushedCommitAsUnverified()
    {
        var before = _world.GitRemote("rev-parse", "main");
        using var build = BuildProcess.Start(_world.Root, _world.Environment(), _world.DeployArgs("good111",
            "--deploy-lock", "git-ref", "--argocd-server", _argo.Url.ToString(), "--argocd-token", _argo.Token));
        await build.WaitUntilAsync(() => _argo.Requests.Any(r => r.StartsWith("POST /api/v1/applications/todo-api/sync", StringComparison.Ordinal)), "Argo CD was asked to sync");
        Leftovers.LockRefs(_world).ShouldNotBeEmpty("the lock is held during the sync wait");

        var exitCode = await build.InterruptAsync();

        exitCode.ShouldBe(130, build.Output);
        build.Output.ShouldContain("Deploy (todo-api) was cancelled.");
        Leftovers.LockRefs(_world).ShouldBeEmpty(build.Output);
        Leftovers.TempFolders(_world).ShouldBeEmpty(build.Output);
        (await Leftovers.ProcessesAfterAsync(_world)).ShouldBeEmpty(build.Output);
        // The commit landed whole (one commit on the old tip, fenced by the lock held at the time) ...
        _world.GitRemote("rev-parse", "main~1").ShouldBe(before);
        _world.GitRemote("log", "-1", "--format=%s|%(trailers:key=Deploy-Lock,valueonly)", "main").ShouldStartWith("Update todo-api to version good111|");
        _world.GitRemote("log", "-1", "--format=%(trailers:key=Deploy-Lock,valueonly)", "main").Trim().Length.ShouldBe(40);
        // ... and the run says so, and what to do about it.
        // The deploy's receipt survives the interrupt: the record names the pushed commit, and nothing is rolled back on its own.
        var pushed = _world.GitRemote("rev-parse", "main");
        build.InterruptedLine.ShouldStartWith($"Interrupted: todo-api good111 is deployed (commit {pushed[..7]} in ");
        build.InterruptedLine.ShouldEndWith("but its deploy did not finish. " +
            "Next: ./build.sh Verify --service todo-api to check what runs, or ./build.sh Rollback --service todo-api to undo the deploy.");
        build.Output.ShouldContain("nothing rolled back: interrupted, and no verification had failed");
    }
}
