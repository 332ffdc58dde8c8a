using Build.Tests.Deploy;

namespace Build.Tests.Reliability;

/// <summary>
/// SIGINT delivered to the real build process of a full <c>Deploy</c> (tests, image build with buildah, push) while a
/// service test runs, while buildah runs a RUN step, and while the registry holds a blob upload; and Ctrl-C as a
/// terminal delivers it, to the build's whole process group, so its children get it too. Each blocking process is
/// seen running before the signal and must be gone after it.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class InterruptedImageTests : IAsyncDisposable
{
    private DeployWorld _world = null!;
    private string _before = "";

    public async ValueTask DisposeAsync()
    {
        if (_world is null) return;
        TinyImageService.RemoveWorkingContainers(_world);
        await _world.DisposeAsync();
    }

    private async Task CreateWorldAsync(bool blockingRunStep = false)
    {
        _world = await DeployWorld.CreateAsync(root => TinyImageService.Write(root, blockingRunStep));
        _before = _world.GitRemote("rev-parse", "main");
    }

    private string[] Args(string registry, params string[] more) => TinyImageService.DeployArgs(_world, registry, more);

    [Fact]
    public async Task SigintWhileAServiceTestRunsKillsItAndChangesNothing()
    {
        await CreateWorldAsync();
        using var build = BuildProcess.Start(_world.Root, TinyImageService.Environment(_world), Args(_world.Registry.Host));
        var pidFile = Path.Combine(_world.Root, "services", "todo-api", "test.pid");
        await build.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the service test started");
        Leftovers.Processes(_world, TinyImageService.TestSleep).ShouldNotBeEmpty("the service test runs");

        var exitCode = await build.InterruptAsync();

        AssertInterrupted(exitCode, build, "Test (todo-api) was cancelled.");
        (await Leftovers.ProcessesAfterAsync(_world, TinyImageService.TestSleep)).ShouldBeEmpty(build.Output);
    }

    [Fact]
    public async Task SigintWhileBuildahRunsAStepKillsBuildahAndChangesNothing()
    {
        await CreateWorldAsync(blockingRunStep: true);
        using var build = BuildProcess.Start(_world.Root, TinyImageService.Environment(_world), Args(_world.Registry.Host, "--skip", "Test"));
        await build.WaitForLineAsync(TinyImageService.RunStepStarted);
        Leftovers.Processes(_world, TinyImageService.RunSleep).ShouldNotBeEmpty("buildah runs the RUN step");

        var exitCode = await build.InterruptAsync();

        AssertInterrupted(exitCode, build, "Build (todo-api) was cancelled.");
        (await Leftovers.ProcessesAfterAsync(_world, TinyImageService.RunSleep)).ShouldBeEmpty(build.Output);
    }

    [Fact]
    public async Task CtrlCToTheProcessGroupWhileBuildahRunsAStepEndsTheRunAsInterrupted()
    {
        await CreateWorldAsync(blockingRunStep: true);
        using var build = BuildProcess.Start(_world.Root, TinyImageService.Environment(_world), ownProcessGroup: true, Args(_world.Registry.Host, "--skip", "Test"));
        await build.WaitForLineAsync(TinyImageService.RunStepStarted);
        Leftovers.Processes(_world, TinyImageService.RunSleep).ShouldNotBeEmpty("buildah runs the RUN step");

        var exitCode = await build.InterruptGroupAsync();

        AssertInterrupted(exitCode, build, "Build (todo-api) was cancelled.");
        (await Leftovers.ProcessesAfterAsync(_world, TinyImageService.RunSleep)).ShouldBeEmpty(build.Output);
    }

    [Fact]
    public async Task CtrlCToTheProcessGroupWhileAServiceTestRunsEndsTheRunAsInterrupted()
    {
        await CreateWorldAsync();
        using var build = BuildProcess.Start(_world.Root, TinyImageService.Environment(_world), ownProcessGroup: true, Args(_world.Registry.Host));
        var pidFile = Path.Combine(_world.Root, "services", "todo-api", "test.pid");
        await build.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the service test started");

        var exitCode = await build.InterruptGroupAsync();

        AssertInterrupted(exitCode, build, "Test (todo-api) was cancelled.");
        (await Leftovers.ProcessesAfterAsync(_world, TinyImageService.TestSleep)).ShouldBeEmpty(build.Output);
    }

    [Fact]
    public async Task SigintWhileTheRegistryHoldsABlobUploadKillsThePushAndLeavesNoTag()
    {
        await CreateWorldAsync();
        await using var proxy = await RegistryProxy.StartAsync(_world.Registry.Host);
        proxy.Hold = r => r.Method is "PATCH" or "PUT" && r.Path.Value!.Contains("/blobs/uploads/", StringComparison.Ordinal);
        using var build = BuildProcess.Start(_world.Root, TinyImageService.Environment(_world), Args(proxy.Host, "--skip", "Test"));
        await build.WaitUntilAsync(() => proxy.Held.IsCompleted, "the registry held a blob upload", TimeSpan.FromSeconds(55));
        Leftovers.Processes(_world, proxy.Host).ShouldNotBeEmpty("buildah push runs");

        var exitCode = await build.InterruptAsync();

        AssertInterrupted(exitCode, build, "Push (todo-api) was cancelled.");
        (await Leftovers.ProcessesAfterAsync(_world, proxy.Host)).ShouldBeEmpty(build.Output);
        using var http = new HttpClient();
        var tags = await http.GetAsync(new Uri($"http://{_world.Registry.Host}/v2/todo/todo-api/tags/list"), TestContext.Current.CancellationToken);
        tags.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, "no manifest was pushed");
    }

    // What every interrupted run must hold: exit 130 with a line saying so, no lock, no temporary folder, GitOps unchanged.
    private void AssertInterrupted(int exitCode, BuildProcess build, string cancelledLine)
    {
        exitCode.ShouldBe(130, build.Output);
        build.Output.ShouldContain(cancelledLine);
        build.InterruptedLine.ShouldBe("Interrupted: nothing was deployed. Run the same command again to carry on.");
        Leftovers.LockRefs(_world).ShouldBeEmpty(build.Output);
        Leftovers.TempFolders(_world).ShouldBeEmpty(build.Output);
        _world.GitRemote("rev-parse", "main").ShouldBe(_before, "the GitOps branch must not change");
    }
}
