using System.Diagnostics;
using Shipyard.Delivery.Tests.Fakes;

namespace Build.Tests.Deploy;

/// <summary>
/// The real <c>./build.sh</c> process deploying an SSM service while the command runs on the host for ever
/// (<see cref="FakeSsmApi"/> keeps answering InProgress): SIGINT cleans up; SIGKILL cannot, and the next run sweeps.
/// One class, so the script compiles the build at most once for both.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class SsmBuildScriptTests(SsmPipelineTests.Moto moto) : IClassFixture<SsmPipelineTests.Moto>, IAsyncLifetime
{
    private SsmPipelineWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await SsmPipelineWorld.CreateAsync(moto.Endpoint);
        await _world.PushAsync("good111");
        _world.Host.DeployReply = FakeSsmReply.Of("InProgress");
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task SigintMidPollCancelsTheCommandDeletesTheBucketAndExits130()
    {
        using var build = _world.StartBuildSh(_world.DeployArgs("good111"));
        var output = build.StandardOutput.ReadToEndAsync(Ct);
        var error = build.StandardError.ReadToEndAsync(Ct);
        await PolledOrExitedAsync(build);
        (await _world.BucketsAsync()).ShouldHaveSingleItem();

        Kill(build, "INT");
        await build.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(1), Ct);

        build.ExitCode.ShouldBe(130, await output + await error);
        _world.Ssm.Cancelled.ShouldBe([_world.Ssm.Commands[0].CommandId]);
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ABucketLeftBySigkillIsSweptByTheNextRunOnceOlderThanTheSweepAge()
    {
        using (var build = _world.StartBuildSh(_world.DeployArgs("good111")))
        {
            _ = build.StandardOutput.ReadToEndAsync(Ct);
            _ = build.StandardError.ReadToEndAsync(Ct);
            await PolledOrExitedAsync(build);
            Kill(build, "KILL");
            await build.WaitForExitAsync(Ct);
        }
        var left = (await _world.BucketsAsync()).ShouldHaveSingleItem();
        _world.Host.DeployReply = null;

        var soon = await _world.RunAsync(_world.DeployArgs("good111"));
        soon.ExitCode.ShouldBe(0, soon.Output);
        (await _world.BucketsAsync()).ShouldBe([left]); // it may belong to a deploy still running

        var later = await _world.RunAsync(_world.DeployArgs("good111"), time: new LaterClock(TimeSpan.FromHours(4)));

        later.ExitCode.ShouldBe(0, later.Output);
        later.Output.ShouldContain(left);
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    // The script compiles the build first when its sources changed: up to a few minutes on a busy machine.
    private async Task PolledOrExitedAsync(Process build)
    {
        var polled = _world.Ssm.PolledAsync(2);
        await Task.WhenAny(polled, build.WaitForExitAsync(Ct)).WaitAsync(TimeSpan.FromMinutes(8), Ct);
        build.HasExited.ShouldBeFalse("./build.sh ended before the SSM command was polled");
    }

    private static void Kill(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0);
    }

    /// <summary>The wall clock hours ahead (timers unchanged): a run long after the killed one.</summary>
    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
