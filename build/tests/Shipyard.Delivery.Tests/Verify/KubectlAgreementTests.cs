using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>
/// The real <c>kubectl rollout status</c> and our verifier on the same fake, at the same time: where kubectl reaches a
/// verdict ours is the same; where kubectl can only wait (crash loop, image pull back-off, paused) ours has already
/// failed while kubectl is still waiting, and kubectl then times out.
/// </summary>
public sealed class KubectlAgreementTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(80);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(VerifyOutcome Ours, int KubectlExit, string KubectlOutput, bool KubectlWaitingWhenWeReturned)> BothAsync(
        RolloutScript script, TimeSpan kubectlTimeout, TimeSpan ourTimeout, string expectedImage = RolloutScenario.NewImage)
    {
        await using var run = await RolloutRun.StartAsync(script, Step);
        // The outage (and the deletion "mid-watch") comes once both are watching: kubectl, like any client, fails when its
        // very first request fails, and a kubectl slow to start under load would meet an already deleted object.
        run.Scenario.BeforeOutage = ct => run.Api.WaitForWatchesAsync("deployments", 2, ct);
        // The new template is written first (its first step runs synchronously), as `kubectl apply` or a GitOps sync
        // does before anyone asks for the rollout status: else kubectl reports the OLD revision as rolled out.
        var play = run.Scenario.RunAsync(script, Ct);
        using var kubectl = KubectlRolloutStatus.Start(run.Kubeconfig, RolloutScenario.KindOf(script), run.Scenario.Name, run.Scenario.Namespace, kubectlTimeout);
        var ours = run.Verifier().VerifyAsync(run.Request(script, ourTimeout, image: expectedImage), Ct);
        var outcome = await ours;
        var waiting = !kubectl.HasExited;
        var (exit, output) = await kubectl.WaitAsync(Ct);
        await play.ContinueWith(_ => { }, TaskScheduler.Default);
        return (outcome, exit, output, waiting);
    }

    [Theory]
    [InlineData(RolloutScript.Success)]
    [InlineData(RolloutScript.Slow)]
    [InlineData(RolloutScript.WatchDropped)]
    [InlineData(RolloutScript.ApiDownThenBack)]
    [InlineData(RolloutScript.StatefulSetSuccess)]
    [InlineData(RolloutScript.DaemonSetSuccess)]
    public async Task BothSayARolloutThatCompletesSucceeded(RolloutScript script)
    {
        var (ours, exit, output, _) = await BothAsync(script, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

        exit.ShouldBe(0, output);
        output.ShouldMatch("(successfully rolled out|roll out complete)", output);
        ours.Succeeded.ShouldBeTrue(ours.Reason);
    }

    [Theory]
    [InlineData(RolloutScript.ProgressDeadlineExceeded, "exceeded its progress deadline")]
    // kubectl words a deletion by when it sees it: mid-watch, or on its next read of the object.
    [InlineData(RolloutScript.DeletedMidWatch, "object has been deleted|could not find the requested resource")]
    [InlineData(RolloutScript.DaemonSetOnDelete, "rollout status is only available for RollingUpdate strategy type")]
    public async Task BothSayARolloutThatCannotCompleteFailed(RolloutScript script, string kubectlSays)
    {
        var (ours, exit, output, _) = await BothAsync(script, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

        exit.ShouldNotBe(0, output);
        output.ShouldMatch(kubectlSays, output);
        ours.Succeeded.ShouldBeFalse();
    }

    [Theory]
    [InlineData(RolloutScript.CrashLoop)]
    [InlineData(RolloutScript.ImagePullBackOff)]
    [InlineData(RolloutScript.StatefulSetCrashLoop)]
    [InlineData(RolloutScript.Paused)]
    public async Task WeFailWhileKubectlIsStillWaitingAndKubectlTimesOut(RolloutScript script)
    {
        var (ours, exit, output, waiting) = await BothAsync(script, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(60));

        ours.Succeeded.ShouldBeFalse();
        waiting.ShouldBeTrue("kubectl had already exited when our verdict came: " + output);
        exit.ShouldNotBe(0, output);
        output.ShouldContain("timed out waiting for the condition", Case.Sensitive, output);
    }

    [Fact]
    public async Task KubectlCallsARolloutOfTheWrongImageASuccessAndWeDoNot()
    {
        // kubectl has no notion of the image that was deployed; ours names both at the deadline.
        var (ours, exit, output, _) = await BothAsync(RolloutScript.Success, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(8), "127.0.0.1:5000/todo-api:fff9999");

        exit.ShouldBe(0, output);
        ours.Succeeded.ShouldBeFalse();
        ours.Reason!.ShouldContain($"runs {RolloutScenario.NewImage}, expected 127.0.0.1:5000/todo-api:fff9999");
    }
}
