using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>Our verifier alone on every scripted rollout, through the real KubernetesClient against the fake API server.</summary>
public sealed class KubernetesRolloutVerifierTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(VerifyOutcome Outcome, string Log)> VerifyAsync(RolloutScript script, TimeSpan timeout, string image = RolloutScenario.NewImage, TimeSpan? step = null)
    {
        await using var run = await RolloutRun.StartAsync(script, step ?? Step);
        var log = new StringWriter();
        var verify = run.Verifier().VerifyAsync(run.Request(script, timeout, TextWriter.Synchronized(log), image), Ct);
        // The rollout starts once the verifier watches the workload's pods (its last watch), so a slow start under load
        // cannot make it miss the first steps.
        using (var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            await Task.WhenAny(run.Api.WaitForWatchesAsync("pods", 1, watching.Token), verify);
            await watching.CancelAsync();
        }
        var play = run.Scenario.RunAsync(script, Ct);
        var outcome = await verify;
        await play.ContinueWith(_ => { }, TaskScheduler.Default);
        return (outcome, log.ToString());
    }

    [Theory]
    [InlineData(RolloutScript.Success)]
    [InlineData(RolloutScript.Slow)]
    [InlineData(RolloutScript.WatchDropped)]
    [InlineData(RolloutScript.ApiDownThenBack)]
    [InlineData(RolloutScript.StatefulSetSuccess)]
    [InlineData(RolloutScript.DaemonSetSuccess)]
    public async Task ARolloutThatCompletesIsVerified(RolloutScript script)
    {
        var (outcome, log) = await VerifyAsync(script, TimeSpan.FromSeconds(30));

        outcome.Reason.ShouldBeNull(log);
        outcome.Succeeded.ShouldBeTrue();
        outcome.Source.ShouldBe("kubernetes");
        outcome.Summary.ShouldStartWith("3/3 ready at todo-api:abc1234 in ");
        outcome.RunningImage.ShouldBe(RolloutScenario.NewImage);
    }

    [Fact]
    public async Task ProgressLinesFollowTheRollout()
    {
        var (outcome, log) = await VerifyAsync(RolloutScript.Success, TimeSpan.FromSeconds(30), step: TimeSpan.FromMilliseconds(250));

        outcome.Succeeded.ShouldBeTrue(log);
        log.ShouldContain("todo-api: 1/3 updated, 3 old pending termination, 3/3 available: Waiting for deployment \"todo-api\" rollout to finish: 1 out of 3 new replicas have been updated");
        log.ShouldContain("3/3 updated, 1 old pending termination, 3/3 available: Waiting for deployment \"todo-api\" rollout to finish: 1 old replicas are pending termination");
        log.ShouldContain("deployment \"todo-api\" successfully rolled out");
    }

    [Fact]
    public async Task ACrashLoopFailsWithThePodTheReasonTheLogTailAndTheEvents()
    {
        var (outcome, _) = await VerifyAsync(RolloutScript.CrashLoop, TimeSpan.FromSeconds(60));

        outcome.Succeeded.ShouldBeFalse();
        outcome.Pod.ShouldBe(new FailingPod("todo-api-new2222-0", "app", "CrashLoopBackOff", "back-off 20s restarting failed container=app pod=todo-api-new2222-0", 2));
        outcome.Reason!.ShouldContain("CrashLoopBackOff");
        outcome.LogTail.ShouldContain("Unhandled exception. System.InvalidOperationException: ConnectionStrings:Todo is not set");
        outcome.Events.ShouldContain("Warning BackOff pod/todo-api-new2222-0: Back-off restarting failed container");
    }

    [Fact]
    public async Task AnImagePullBackOffFailsNamingTheImage()
    {
        var (outcome, _) = await VerifyAsync(RolloutScript.ImagePullBackOff, TimeSpan.FromSeconds(60));

        outcome.Succeeded.ShouldBeFalse();
        outcome.Pod!.Reason.ShouldBe("ImagePullBackOff");
        outcome.Reason!.ShouldContain(RolloutScenario.NewImage);
        outcome.Events.ShouldContain(e => e.StartsWith("Warning Failed pod/todo-api-new2222-0: Failed to pull image", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RolloutScript.ProgressDeadlineExceeded, "deployment \"todo-api\" exceeded its progress deadline")]
    [InlineData(RolloutScript.DeletedMidWatch, "deployment \"todo-api\" was deleted during the rollout")]
    [InlineData(RolloutScript.Paused, "deployment \"todo-api\" is paused")]
    [InlineData(RolloutScript.StatefulSetCrashLoop, "statefulset \"todo-cache\" cannot become ready: pod todo-cache-2 container app: CrashLoopBackOff")]
    [InlineData(RolloutScript.DaemonSetOnDelete, "rollout status is only available for RollingUpdate strategy type")]
    public async Task ARolloutThatCannotCompleteFailsWithTheReason(RolloutScript script, string reason)
    {
        var (outcome, _) = await VerifyAsync(script, TimeSpan.FromSeconds(60));

        outcome.Succeeded.ShouldBeFalse();
        outcome.Reason.ShouldNotBeNull();
        outcome.Reason.ShouldContain(reason);
    }

    [Fact]
    public async Task AWorkloadRunningAnotherImageFailsAtTheDeadlineNamingBoth()
    {
        var (outcome, _) = await VerifyAsync(RolloutScript.Success, TimeSpan.FromSeconds(8), image: "127.0.0.1:5000/todo-api:fff9999");

        outcome.Succeeded.ShouldBeFalse();
        outcome.Reason!.ShouldContain($"runs {RolloutScenario.NewImage}, expected 127.0.0.1:5000/todo-api:fff9999");
        outcome.RunningImage.ShouldBe(RolloutScenario.NewImage);
    }
}
