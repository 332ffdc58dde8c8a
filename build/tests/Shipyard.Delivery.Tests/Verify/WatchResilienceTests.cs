using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>The verifier's watch survives what a real API server does to long watches.</summary>
[Trait("Reliability", "faults")]
public sealed class WatchResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWatchFromACompactedVersionIsAnsweredGoneAndTheVerifierRelistsAndStillSucceeds()
    {
        await using var run = await RolloutRun.StartAsync(RolloutScript.Success, TimeSpan.FromMilliseconds(60));
        // Between the first LIST and its WATCH, another write and a compaction make the listed version too old.
        run.Api.AfterNextList = () =>
        {
            run.Api.Store.Seed(KubernetesResourceType.Event, "elsewhere", RolloutObjects.Event("x", "Pod", "x", "Normal", "Pulled", "pulled", 1));
            run.Api.Store.Compact();
        };
        var log = new StringWriter();
        var verify = run.Verifier().VerifyAsync(run.Request(RolloutScript.Success, TimeSpan.FromSeconds(30), TextWriter.Synchronized(log)), Ct);
        await run.Api.WaitForWatchesAsync("deployments", 1, Ct);

        await run.Scenario.RunAsync(RolloutScript.Success, Ct);
        var outcome = await verify;

        run.Api.GoneCount.ShouldBe(1, log.ToString());
        outcome.Succeeded.ShouldBeTrue(outcome.Reason + "\n" + log);
    }

    [Fact]
    public async Task AWatchConnectionDroppedBeforeTheRolloutIsReopened()
    {
        await using var run = await RolloutRun.StartAsync(RolloutScript.Success, TimeSpan.FromMilliseconds(60));
        var verify = run.Verifier().VerifyAsync(run.Request(RolloutScript.Success, TimeSpan.FromSeconds(30)), Ct);
        await run.Api.WaitForWatchesAsync("pods", 1, Ct);
        run.Api.DropWatches();

        await run.Scenario.RunAsync(RolloutScript.Success, Ct);
        var outcome = await verify;

        outcome.Succeeded.ShouldBeTrue(outcome.Reason);
    }

    [Fact]
    public async Task AnApiServerThatStaysDownFailsAtTheDeadlineSayingSo()
    {
        await using var run = await RolloutRun.StartAsync(RolloutScript.Success, TimeSpan.FromMilliseconds(60));
        run.Api.Down = true;
        var log = new StringWriter();

        var outcome = await run.Verifier().VerifyAsync(run.Request(RolloutScript.Success, TimeSpan.FromSeconds(1), TextWriter.Synchronized(log)), Ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Reason.ShouldBe("not verified within 1s: the API server stopped answering (list deployments: 503 Service Unavailable); the workload was never observed");
        log.ToString().ShouldContain("todo-api: API server not answering (list deployments: 503 Service Unavailable); retrying");
    }
}
