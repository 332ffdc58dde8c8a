using Build.Tests.Platform;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// A deploy whose commit is pushed but whose Argo CD sync then fails: the run records what it pushed, Rollback reverts
/// exactly that commit, and with no cluster access the restored version is judged by Argo CD's health at its revision.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class ArgoSyncFailureCliTests
{
    [Fact]
    public async Task ASyncThatFailsAfterThePushIsRecordedAndRolledBack()
    {
        await using var world = await DeployWorld.CreateAsync();
        await world.Registry.PutImageAsync("todo/todo-api", "abc1234");
        await using var argo = await FakeArgoCdApi.StartAsync(TimeSpan.FromMilliseconds(20));
        var seed = world.GitRemote("rev-parse", "main");
        // Argo CD reads the branch from the repository itself; the deploy's commit fails to apply, the rollback's applies.
        argo.Add(new FakeArgoApplication("todo-api", seed)
        {
            ReadHead = () => world.GitRemote("rev-parse", "main"),
            PhaseOf = revision => world.GitRemote("log", "-1", "--format=%s", revision).StartsWith("Roll back", StringComparison.Ordinal) ? "Succeeded" : "Failed",
        });
        var records = new List<FinishedRun>();

        var run = await PipelineRun.StartAsync(world.Root, world.Environment(), p => p.Notifiers.Add(new Capture(records)),
            world.DeployArgs("abc1234", "--argocd-server", argo.Url.ToString(), "--argocd-token", argo.Token, "--argocd-timeout", "30s"));

        run.ExitCode.ShouldBe(1, run.Output);
        var pushed = world.GitRemote("rev-parse", "main~1");
        var deploy = run.Row("Deploy", "todo-api");
        deploy.Status.ShouldBe(TargetStatus.Failed);
        deploy.Note!.ShouldStartWith("Argo CD sync of todo-api to ");
        deploy.Facts[DeliveryFacts.Commit].ShouldBe(pushed);
        deploy.Facts[DeliveryFacts.Previous].ShouldContain(":0000000");
        var receipt = records.Single().Services.Single().Deployed!.Receipt.ShouldBeOfType<GitOpsReceipt>();
        receipt.Commit.ShouldBe(pushed);
        run.Row("Rollback", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded, run.Output), r => r.Note!.ShouldStartWith("rolled back to 0000000"), r => r.Facts[DeliveryFacts.Source].ShouldBe("argocd"));
        world.GitRemote("log", "-1", "--format=%(trailers:key=Reverts,valueonly)", "main").Trim().ShouldBe(pushed);
    }

    private sealed class Capture(List<FinishedRun> runs) : IDeliveryNotifier
    {
        public Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RunFinishedAsync(FinishedRun run, CancellationToken cancellationToken)
        {
            runs.Add(run);
            return Task.CompletedTask;
        }
    }
}
