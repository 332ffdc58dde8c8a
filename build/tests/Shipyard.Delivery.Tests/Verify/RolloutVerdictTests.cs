using System.Text.Json.Nodes;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>The pure verdict on snapshots built from <c>kubectl get -o json</c> text, as the SSM source builds them.</summary>
public sealed class RolloutVerdictTests
{
    private static readonly ExpectedImage Expected = new("app", new ImageReference("127.0.0.1:5000", "todo-api", "abc1234"));

    private static string Deployment(int generation, int observed, int updated, int total, int available, string? progressing = null, bool paused = false, string image = RolloutScenario.NewImage)
    {
        var d = RolloutObjects.Workload("Deployment", "todo-api", "app", image, 3, "RollingUpdate");
        d["metadata"]!["generation"] = generation;
        d["metadata"]!["uid"] = "u1";
        if (paused) d["spec"]!["paused"] = true;
        d["status"] = new JsonObject
        {
            ["observedGeneration"] = observed,
            ["replicas"] = total,
            ["updatedReplicas"] = updated,
            ["availableReplicas"] = available,
            ["conditions"] = progressing is null ? null : new JsonArray(new JsonObject { ["type"] = "Progressing", ["status"] = "False", ["reason"] = progressing }),
        };
        return d.ToJsonString();
    }

    private static RolloutState Judge(string deployment, params JsonObject[] pods) => RolloutVerdict.Of(
        RolloutSnapshot.FromKubectlJson(WorkloadKind.Deployment, deployment,
            new JsonObject { ["items"] = new JsonArray(RolloutObjects.ReplicaSet("todo-api", "u1", "new2222", 2, "app", RolloutScenario.NewImage, 3)) }.ToJsonString(),
            new JsonObject { ["items"] = new JsonArray([.. pods]) }.ToJsonString(), "{\"items\":[]}"),
        Expected);

    private static JsonObject NewPod(string? waiting = null, int restarts = 0, string? last = null) =>
        RolloutObjects.Pod("todo-api-new2222-0", "todo-api", "pod-template-hash", "new2222", "app", RolloutScenario.NewImage, waiting is null && last is null, waiting, null, restarts, last);

    [Fact]
    public void AGenerationNotYetObservedIsWaiting() =>
        Judge(Deployment(2, 1, 3, 3, 3)).ShouldBe(RolloutState.Waiting("Waiting for deployment spec update to be observed", "3/3 updated, 3/3 available", RolloutScenario.NewImage));

    [Fact]
    public void KubectlsOrderOfWaitsIsKept()
    {
        Judge(Deployment(2, 2, 1, 4, 3)).Message.ShouldBe("Waiting for deployment \"todo-api\" rollout to finish: 1 out of 3 new replicas have been updated");
        Judge(Deployment(2, 2, 3, 4, 3)).Message.ShouldBe("Waiting for deployment \"todo-api\" rollout to finish: 1 old replicas are pending termination");
        Judge(Deployment(2, 2, 3, 3, 2)).Message.ShouldBe("Waiting for deployment \"todo-api\" rollout to finish: 2 of 3 updated replicas are available");
        Judge(Deployment(2, 2, 3, 3, 3)).Phase.ShouldBe(RolloutPhase.Done);
    }

    [Fact]
    public void AnExceededProgressDeadlineFailsOnlyOnceTheGenerationIsObserved()
    {
        Judge(Deployment(2, 2, 1, 4, 3, "ProgressDeadlineExceeded")).ShouldBe(
            RolloutState.Failed("deployment \"todo-api\" exceeded its progress deadline", "1/3 updated, 3 old pending termination, 3/3 available", runningImage: RolloutScenario.NewImage));
        Judge(Deployment(3, 2, 1, 4, 3, "ProgressDeadlineExceeded")).Phase.ShouldBe(RolloutPhase.Waiting);
    }

    [Theory]
    [InlineData("CrashLoopBackOff", 3, null, "CrashLoopBackOff")]
    [InlineData("ImagePullBackOff", 0, null, "ImagePullBackOff")]
    [InlineData("ErrImagePull", 0, null, "ErrImagePull")]
    [InlineData("CreateContainerConfigError", 0, null, "CreateContainerConfigError")]
    [InlineData("InvalidImageName", 0, null, "InvalidImageName")]
    [InlineData(null, 2, "OOMKilled", "OOMKilled restart loop")]
    [InlineData(null, 2, "Error", "Error restart loop")]
    public void APodOfTheNewRevisionThatCannotStartFailsTheRollout(string? waiting, int restarts, string? last, string reason) =>
        Judge(Deployment(2, 2, 1, 4, 3), NewPod(waiting, restarts, last)).Pod!.Reason.ShouldBe(reason);

    [Fact]
    public void OneRestartAfterAnErrorIsNotYetALoop() =>
        Judge(Deployment(2, 2, 1, 4, 3), NewPod(null, 1, "Error")).Phase.ShouldBe(RolloutPhase.Waiting);

    [Fact]
    public void APodOfTheOldRevisionFailingDoesNotFailTheRollout()
    {
        var old = RolloutObjects.Pod("todo-api-old1111-0", "todo-api", "pod-template-hash", "old1111", "app", RolloutScenario.OldImage, false, "CrashLoopBackOff");

        Judge(Deployment(2, 2, 3, 4, 3), old).Phase.ShouldBe(RolloutPhase.Waiting);
    }

    [Fact]
    public void APausedDeploymentFails() =>
        Judge(Deployment(2, 2, 0, 3, 3, paused: true)).Message.ShouldBe("deployment \"todo-api\" is paused: the rollout cannot progress until it is resumed");

    [Fact]
    public void AnotherImageKeepsItWaitingAndNamesBoth() =>
        Judge(Deployment(2, 2, 3, 3, 3, image: "127.0.0.1:5000/todo-api:old1111")).ShouldBe(RolloutState.Waiting(
            "deployment \"todo-api\" container \"app\" runs 127.0.0.1:5000/todo-api:old1111, expected 127.0.0.1:5000/todo-api:abc1234",
            "3/3 updated, 3/3 available", "127.0.0.1:5000/todo-api:old1111"));

    [Theory]
    [InlineData("127.0.0.1:5000/todo-api:abc1234@sha256:aa", true)]
    [InlineData("127.0.0.1:5000/todo-api@sha256:AA", true)]
    [InlineData("127.0.0.1:5000/todo-api:abc1234@sha256:bb", false)]
    [InlineData("127.0.0.1:5000/todo-api:abc1234", false)]
    public void WithADigestOnlyTheDigestCounts(string running, bool matches) =>
        new ExpectedImage("app", new ImageReference("127.0.0.1:5000", "todo-api", "abc1234", "sha256:aa")).Matches(running).ShouldBe(matches);

    [Fact]
    public void AStatefulSetWithAPartitionIsDoneWhenThePodsAbovePartitionAreUpdated()
    {
        var sts = RolloutObjects.Workload("StatefulSet", "redis", "app", RolloutScenario.NewImage, 3, "RollingUpdate");
        sts["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"] = 2;
        sts["metadata"]!["generation"] = 2;
        sts["status"] = new JsonObject { ["observedGeneration"] = 2, ["replicas"] = 3, ["readyReplicas"] = 3, ["updatedReplicas"] = 1 };

        var state = RolloutVerdict.Of(RolloutSnapshot.FromKubectlJson(WorkloadKind.StatefulSet, sts.ToJsonString(), null, null, null), Expected);

        state.ShouldBe(new RolloutState(RolloutPhase.Done, "partitioned roll out complete: 1 new pods have been updated", "1/3 updated, 3/3 ready", null, RolloutScenario.NewImage));
    }
}
