using System.Net;
using System.Text.Json.Nodes;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>The polling verifier over <c>kubectl get -o json</c> snapshots (as the SSM source reads them), and the health URL check.</summary>
public sealed class PollingRolloutVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What `kubectl get deployment/x -o json`, `get rs`, `get pods`, `get events` print, read from the fake's store.
    private static Func<CancellationToken, Task<RolloutSnapshot>> KubectlJson(FakeKubernetesApi api) => _ =>
    {
        string List(KubernetesResourceType type) => api.Store.List(type, "todo", "app=todo-api", null).Body.ToJsonString();
        var deployment = api.Store.Get(KubernetesResourceType.Deployment, "todo", "todo-api");
        return Task.FromResult(RolloutSnapshot.FromKubectlJson(WorkloadKind.Deployment, deployment.StatusCode == 200 ? deployment.Body.ToJsonString() : null,
            List(KubernetesResourceType.ReplicaSet), List(KubernetesResourceType.Pod), api.Store.List(KubernetesResourceType.Event, "todo").Body.ToJsonString()));
    };

    private static async Task<VerifyOutcome> PollAsync(RolloutScript script, Uri? health = null)
    {
        await using var run = await RolloutRun.StartAsync(script, TimeSpan.FromMilliseconds(40));
        var verifier = RolloutVerifiers.Polling(KubectlJson(run.Api), TimeSpan.FromMilliseconds(20), TimeProvider.System);
        var verify = verifier.VerifyAsync(run.Request(script, TimeSpan.FromSeconds(health is null ? 30 : 3)) with { HealthUrl = health }, Ct);
        await run.Scenario.RunAsync(script, Ct);
        return await verify;
    }

    [Fact]
    public async Task ACompletedRolloutIsVerified()
    {
        var outcome = await PollAsync(RolloutScript.Success);

        outcome.Succeeded.ShouldBeTrue(outcome.Reason);
        outcome.Source.ShouldBe("polling");
    }

    [Fact]
    public async Task ACrashLoopFailsWithTheEventsFromTheSnapshot()
    {
        var outcome = await PollAsync(RolloutScript.CrashLoop);

        outcome.Pod!.Reason.ShouldBe("CrashLoopBackOff");
        outcome.Events.ShouldContain("Warning BackOff pod/todo-api-new2222-0: Back-off restarting failed container");
    }

    [Fact]
    public async Task AHealthUrlAnswering2xxAfterTheRolloutPasses()
    {
        var calls = 0;
        await using var health = await KestrelHost.StartAsync(c =>
        {
            c.Response.StatusCode = Interlocked.Increment(ref calls) < 3 ? 503 : 200;
            return Task.CompletedTask;
        });

        var outcome = await PollAsync(RolloutScript.Success, new Uri(health.Url, "healthz"));

        outcome.Succeeded.ShouldBeTrue(outcome.Reason);
        calls.ShouldBe(3);
    }

    [Fact]
    public async Task AHealthUrlThatNeverAnswers2xxFailsNamingTheLastAnswer()
    {
        await using var health = await KestrelHost.StartAsync(c =>
        {
            c.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            return Task.CompletedTask;
        });

        var outcome = await PollAsync(RolloutScript.Success, new Uri(health.Url, "healthz"));

        outcome.Succeeded.ShouldBeFalse();
        outcome.Reason.ShouldBe($"health check {new Uri(health.Url, "healthz")} did not answer 2xx before the deadline (last: 503 ServiceUnavailable)");
    }
}
