using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// A service deployed by SSM through the real Pipeline: instance found on moto's EC2, bucket on moto's S3, the command
/// and the host's answers through <see cref="FakeSsmApi"/> (moto never runs commands), Verify through the host's
/// <c>kubectl get -o json</c>, and the guarded <c>rollout undo</c> as Rollback. After every run: no bucket left.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class SsmPipelineTests(SsmPipelineTests.Moto moto) : IClassFixture<SsmPipelineTests.Moto>, IAsyncLifetime
{
    private SsmPipelineWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await SsmPipelineWorld.CreateAsync(moto.Endpoint);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    [Trait("EndToEnd", "ssm")]
    public async Task ADeployIsAppliedOnTheHostVerifiedThroughItAndLeavesNoBucket()
    {
        await _world.PushAsync("good111");

        var run = await _world.RunAsync(_world.DeployArgs("good111"));

        run.ExitCode.ShouldBe(0, run.Output);
        var deploy = _world.Ssm.Commands[0];
        deploy.DocumentName.ShouldBe("AWS-RunShellScript");
        deploy.InstanceIds.ShouldBe([_world.InstanceId]);
        deploy.OutputS3BucketName.ShouldStartWith("k3s-deploy-");
        run.Row("Deploy", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded),
            r => r.Note!.ShouldContain($"good111 applied on {_world.InstanceId} by SSM command {deploy.CommandId}"));
        _world.Host.Revisions.ShouldHaveSingleItem().ShouldContain($"/todo/{SsmPipelineWorld.Service}:good111@sha256:");
        run.Row("Verify", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded), r => r.Note!.ShouldEndWith("(ssm)"));
        _world.Ssm.Commands.Skip(1).ShouldAllBe(c => c.Commands.Any(l => l.Contains("kubectl get", StringComparison.Ordinal)) && c.OutputS3BucketName == null);
        run.Output.ShouldNotContain("testing-secret");
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task VerifyOnItsOwnJudgesTheImageTheHostRunsNowAndRollsNothingBack()
    {
        await _world.PushAsync("good000", "good111");
        (await _world.RunAsync(_world.DeployArgs("good000"))).ExitCode.ShouldBe(0);
        (await _world.RunAsync(_world.DeployArgs("good111"))).ExitCode.ShouldBe(0);

        var run = await _world.RunAsync(["Verify", "--service", SsmPipelineWorld.Service, .. _world.Common]);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Row("Verify", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded), r => r.Note!.ShouldEndWith("(ssm)"),
            r => r.Facts.Values.ShouldContain(v => v.Contains(":good111@sha256:", StringComparison.Ordinal)));
        run.Row("Rollback", null).Status.ShouldBe(TargetStatus.Skipped);
        _world.Host.Rollbacks.ShouldBeEmpty();
        _world.Host.Revisions.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AFailedCommandFailsTheDeployWithItsOutputTailDeletesTheBucketAndTheRecordedCommandIsRolledBack()
    {
        await _world.PushAsync("good111", "good222");
        (await _world.RunAsync(_world.DeployArgs("good111"))).ExitCode.ShouldBe(0);
        _world.Host.DeployReply = new FakeSsmReply("Failed", "applying manifests\nerror: deployment \"todo-worker\" exceeded its progress deadline\n", "rollout failed", 1);
        var notifier = new RecordingNotifier();

        var run = await _world.RunAsync(_world.DeployArgs("good222"), p => p.Notifiers.Add(notifier));

        run.ExitCode.ShouldBe(1, run.Output);
        var command = _world.Ssm.Commands.Single(c => c.OutputS3BucketName is not null && c.Commands.Any(l => l.Contains("good222", StringComparison.Ordinal)));
        run.Row("Deploy", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed), r => r.Note!.ShouldContain($"command {command.CommandId} ended Failed (exit code 1)"));
        run.Output.ShouldContain("Output tail:\napplying manifests\nerror: deployment \"todo-worker\" exceeded its progress deadline\nrollout failed");
        var record = notifier.Finished.ShouldHaveSingleItem().Services.Single(s => s.Service == SsmPipelineWorld.Service);
        record.Deployed!.Status.ShouldBe(StageStatus.Failed);
        record.Deployed.Receipt.ShouldBeOfType<SsmReceipt>().ShouldSatisfyAllConditions(
            r => r.CommandId.ShouldBe(command.CommandId), r => r.InstanceId.ShouldBe(_world.InstanceId), r => r.Bucket.ShouldBe(command.OutputS3BucketName));
        _world.Host.Rollbacks.ShouldHaveSingleItem().ShouldContain(":good222@sha256:");
        record.RolledBack!.Status.ShouldBe(StageStatus.Succeeded);
        run.Row("Rollback", SsmPipelineWorld.Service).Note!.ShouldStartWith("rolled back to good111");
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailedFirstDeployHasNothingToRollBackToAndTheRunSaysSoWithExitCode1()
    {
        await _world.PushAsync("good111");
        _world.Host.DeployReply = new FakeSsmReply("Failed", "error: timed out waiting for the condition\n", "", 1);

        var run = await _world.RunAsync(_world.DeployArgs("good111"));

        run.ExitCode.ShouldBe(1, run.Output);
        run.Row("Rollback", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed), r => r.Note!.ShouldContain("no rollout history on the host"));
        _world.Host.Rollbacks.ShouldBeEmpty();
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    [Trait("EndToEnd", "ssm")]
    public async Task ACrashLoopSeenOnTheHostIsRolledBackByAGuardedUndoAndThePreviousRevisionIsVerified()
    {
        await _world.PushAsync("good111", "bad2222");
        (await _world.RunAsync(_world.DeployArgs("good111"))).ExitCode.ShouldBe(0);

        var run = await _world.RunAsync(_world.DeployArgs("bad2222"));

        run.ExitCode.ShouldBe(1, run.Output);
        run.Row("Verify", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed), r => r.Note!.ShouldContain("CrashLoopBackOff"));
        _world.Host.Rollbacks.ShouldHaveSingleItem().ShouldContain(":bad2222@sha256:");
        run.Row("Rollback", SsmPipelineWorld.Service).ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded),
            r => r.Note!.ShouldStartWith("rolled back to good111"),
            r => r.Note!.ShouldContain("(ssm)"));
        _world.Host.Revisions[^1].ShouldContain(":good111@sha256:");
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("abc;rm")]
    [InlineData("$(id)")]
    [InlineData("`id`")]
    [InlineData("a'b")]
    [InlineData("a\nb")]
    public async Task ATagWithShellMetacharactersIsAUsageErrorBeforeAnythingIsCreatedInAws(string tag)
    {
        var run = await _world.RunAsync(_world.DeployArgs(tag));

        run.ExitCode.ShouldBe(2, run.Output);
        _world.Ssm.Commands.ShouldBeEmpty();
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AHostileNamespaceInTheCatalogIsAUsageErrorBeforeAnythingIsCreatedInAws()
    {
        await using var world = await SsmPipelineWorld.CreateAsync(moto.Endpoint, SsmPipelineWorld.ServiceYaml + "\n  namespace: \"todo;id\"\n");
        await world.PushAsync("good111");

        var run = await world.RunAsync(world.DeployArgs("good111"));

        run.ExitCode.ShouldBe(2, run.Output);
        run.Output.Trim().Split('\n')[^1].ShouldContain("'deploy.namespace' is not a valid name: 'todo;id'");
        world.Ssm.Commands.ShouldBeEmpty();
        (await world.BucketsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--aws-endpoint-url", "not a url", "--aws-endpoint-url must be an http(s) URL, got 'not a url'")]
    [InlineData("--aws-endpoint-url", "ftp://127.0.0.1/", "--aws-endpoint-url must be an http(s) URL, got 'ftp://127.0.0.1/'")]
    public async Task ABadAwsSettingIsOneLineAndExitCode2(string name, string value, string message)
    {
        var run = await _world.RunAsync(["Deploy", "--service", SsmPipelineWorld.Service, "--image-tag", "good111", .. _world.World.Common, name, value]);

        run.ExitCode.ShouldBe(2, run.Output);
        run.Output.Trim().Split('\n')[^1].ShouldContain(message);
        _world.Ssm.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task ThePlanShowsTheSsmStepsOfEachStageAndChangesNothing()
    {
        var run = await _world.RunAsync([.. _world.DeployArgs("good111"), "--plan"]);

        run.ExitCode.ShouldBe(0, run.Output);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        lines.ShouldContain("   5. Deploy");
        lines.ShouldContain("      todo-worker: SSM in us-east-1, on the running instance tagged Name=*k3s-master*");
        lines.ShouldContain("        3. create bucket k3s-deploy-<time>-<random>: public access blocked, AES256, tagged, expires after 1 day");
        lines.ShouldContain("        7. delete the bucket and its objects (also on failure, timeout and Ctrl-C)");
        lines.IndexOf("   6. Verify    triggered by Deploy").ShouldBe(lines.FindIndex(l => l.EndsWith("Ctrl-C)", StringComparison.Ordinal)) + 1);
        lines.ShouldContain(l => l.StartsWith("      todo-worker: kubectl get -o json on the host through SSM", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("      todo-worker, if its deploy does not verify: kubectl rollout undo on the host", StringComparison.Ordinal));
        _world.Ssm.Commands.ShouldBeEmpty();
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task CtrlCWhileTheCommandRunsCancelsItDeletesTheBucketAndExits130()
    {
        await _world.PushAsync("good111");
        _world.Host.DeployReply = FakeSsmReply.Of("InProgress");
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _ = _world.Ssm.PolledAsync(2).ContinueWith(_ => ctrlC.Cancel(), TaskScheduler.Default);

        var run = await _world.RunAsync(_world.DeployArgs("good111"), cancellation: ctrlC.Token);

        run.ExitCode.ShouldBe(130, run.Output);
        _world.Ssm.Cancelled.ShouldBe([_world.Ssm.Commands[0].CommandId]);
        (await _world.BucketsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ABucketLeftByAKilledRunIsSweptByTheNextRunAndAFreshOneIsKept()
    {
        await _world.PushAsync("good111");
        var stale = await _world.LeaveBucketAsync(TimeSpan.FromHours(4));
        var running = await _world.LeaveBucketAsync(TimeSpan.FromMinutes(5));

        var run = await _world.RunAsync(_world.DeployArgs("good111"));

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain(stale);
        (await _world.BucketsAsync()).ShouldBe([running]);
    }

    /// <summary>One real moto server for the class; each test resets it.</summary>
    public sealed class Moto : IAsyncLifetime
    {
        private MotoS3Server? _server;

        public Uri Endpoint => _server!.Endpoint;

        public async ValueTask InitializeAsync() => _server = await MotoS3Server.StartAsync(CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            if (_server is not null) await _server.DisposeAsync();
        }
    }

    private sealed class RecordingNotifier : IDeliveryNotifier
    {
        public List<FinishedRun> Finished { get; } = [];

        public Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RunFinishedAsync(FinishedRun run, CancellationToken cancellationToken)
        {
            Finished.Add(run);
            return Task.CompletedTask;
        }
    }
}
