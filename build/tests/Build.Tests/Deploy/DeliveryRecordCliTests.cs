using Build.Tests.Platform;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Records;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// Two services deployed in one run through the real Pipeline, against a real registry and a bare GitOps remote:
/// each service's stages are one row each, a failure stops only its own service, and the delivery record is what
/// the notifiers get.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class DeliveryRecordCliTests
{
    [Fact]
    public async Task OneServiceFailingItsDeployStopsOnlyItsOwnLaterStages()
    {
        await using var world = await DeployWorld.CreateAsync();
        var digest = await world.Registry.PutImageAsync("todo/todo-api", "abc1234"); // todo-worker:abc1234 was never pushed
        var notifier = new RecordingNotifier();

        var run = await PipelineRun.StartAsync(world.Root, world.Environment(), p => p.Notifiers.Add(notifier),
            ["Deploy", "--service", "todo-api,todo-worker", "--skip", "Test", "Build", "Push", "--image-tag", "abc1234", .. world.Common]);

        run.ExitCode.ShouldBe(1, run.Output);
        run.Row("Deploy", "todo-api").Status.ShouldBe(TargetStatus.Succeeded);
        run.Row("Deploy", "todo-api").Facts[DeliveryFacts.Image].ShouldBe($"{world.Registry.Host}/todo/todo-api:abc1234@{digest}");
        run.Row("Deploy", "todo-worker").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed), r => r.Note!.ShouldContain("is not in the registry"));
        run.Row("Verify", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Skipped), r => r.Note!.ShouldStartWith("no cluster configured"));
        run.Row("Verify", "todo-worker").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.NotRun), r => r.Note.ShouldBe("Deploy (todo-worker) failed"));
        run.Row("Rollback", null).Note.ShouldBe("nothing to roll back: every change of this run is verified or was not made");

        var finished = notifier.Finished.ShouldHaveSingleItem();
        finished.ExitCode.ShouldBe(1);
        var api = finished.Services.Single(s => s.Service == "todo-api");
        api.Deployed!.Receipt.ShouldBeOfType<GitOpsReceipt>().Commit.ShouldBe(world.GitRemote("rev-parse", "main"));
        api.Deployed.Receipt!.Previous!.Tag.ShouldBe("0000000");
        api.Outcome.ShouldBe(DeliveryOutcome.Deployed);
        finished.Services.Single(s => s.Service == "todo-worker").Outcome.ShouldBe(DeliveryOutcome.Failed);
        notifier.Updates.ShouldContain(r => r.Service == "todo-api" && r.Deployed != null);
    }

    [Fact]
    public async Task ANotifierThatThrowsIsAWarningAndTheExitCodeStands()
    {
        await using var world = await DeployWorld.CreateAsync();
        await world.Registry.PutImageAsync("todo/todo-api", "abc1234");

        var run = await PipelineRun.StartAsync(world.Root, world.Environment(), p => p.Notifiers.Add(new RecordingNotifier { Fail = true }),
            world.DeployArgs("abc1234"));

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("warning: notifier RecordingNotifier failed (InvalidOperationException: Slack is down); the build result is unchanged");
    }

    private sealed class RecordingNotifier : IDeliveryNotifier
    {
        public bool Fail { get; init; }
        public List<DeliveryRecord> Updates { get; } = [];
        public List<FinishedRun> Finished { get; } = [];

        public Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken)
        {
            lock (Updates) Updates.Add(record);
            return Task.CompletedTask;
        }

        public Task RunFinishedAsync(FinishedRun run, CancellationToken cancellationToken)
        {
            if (Fail) throw new InvalidOperationException("Slack is down");
            Finished.Add(run);
            return Task.CompletedTask;
        }
    }
}
