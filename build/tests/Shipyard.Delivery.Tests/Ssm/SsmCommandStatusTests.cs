using Amazon.S3.Model;
using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>
/// What moto cannot show: every terminal status, waiting, late registration, deadline and Ctrl-C, through the real
/// SSM client against <see cref="FakeSsmApi"/> (EC2 and S3 stay on moto). The bucket is gone after each one.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class SsmCommandStatusTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Failed")]
    [InlineData("TimedOut")]
    [InlineData("Cancelled")]
    [InlineData("Cancelling")]
    public async Task ATerminalFailureFailsWithTheOutputTailAndTheFullOutputAndDeletesTheBucket(string status)
    {
        await using var ssm = await FakeSsmApi.StartAsync(FakeSsmReply.Of("InProgress"),
            new FakeSsmReply(status, Stdout: "Deploying todo-api\nWaiting for rollout", Stderr: "error: deployment \"todo-api\" exceeded its progress deadline", ResponseCode: 1));
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);
        // The agent uploads the full output to the command's S3 prefix; so does this stand-in.
        ssm.OnSendCommand = command => world.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = command.OutputS3BucketName,
            ContentBody = "full stdout line 1\nfull stdout line 2\n",
            Key = $"{command.OutputS3KeyPrefix}/{command.CommandId}/{command.InstanceIds[0]}/awsrunShellScript/0.awsrunShellScript/stdout",
        }, Ct);

        var error = await Should.ThrowAsync<SsmCommandFailedException>(() => world.Deployer().DeployAsync(SsmWorld.Request(), Ct));

        var command = ssm.Commands.Single();
        error.Message.ShouldStartWith($"SSM deploy of todo-api (127.0.0.1:5000/todo-api:abc1234@{SsmWorld.Digest}) on {world.InstanceId}: command {command.CommandId} ended {status} (exit code 1).");
        error.Message.ShouldContain("exceeded its progress deadline");
        error.Deployment.ShouldSatisfyAllConditions(
            () => error.Deployment.Status.ShouldBe(status),
            () => error.Deployment.CommandId.ShouldBe(command.CommandId),
            () => error.Deployment.InstanceId.ShouldBe(world.InstanceId),
            () => error.Deployment.BucketName.ShouldBe(command.OutputS3BucketName),
            () => error.Deployment.OutputTail.ShouldBe("Deploying todo-api\nWaiting for rollout\nerror: deployment \"todo-api\" exceeded its progress deadline"),
            () => error.Deployment.BucketDeleted.ShouldBeTrue());
        world.Log.ToString().ShouldContain("full stdout line 2");
        world.Log.ToString().ShouldContain($"command {command.CommandId} on {world.InstanceId} InProgress");
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task InProgressThenSuccessWaitsAndSucceeds()
    {
        await using var ssm = await FakeSsmApi.StartAsync(FakeSsmReply.Of("Pending"), FakeSsmReply.Of("InProgress"), FakeSsmReply.Of("Delayed"),
            FakeSsmReply.Of("InProgress"), new FakeSsmReply("Success", Stdout: "Deployed todo-api"));
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);

        var deployment = await world.Deployer().DeployAsync(SsmWorld.Request(), Ct);

        deployment.Status.ShouldBe("Success");
        deployment.OutputTail.ShouldBe("Deployed todo-api");
        ssm.Polls.ShouldBe(5);
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task InvocationDoesNotExistRightAfterSendingCountsAsPending()
    {
        await using var ssm = await FakeSsmApi.StartAsync(FakeSsmReply.NotYet, FakeSsmReply.NotYet, FakeSsmReply.NotYet, FakeSsmReply.Of("Success"));
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);

        var deployment = await world.Deployer().DeployAsync(SsmWorld.Request(), Ct);

        deployment.Status.ShouldBe("Success");
        ssm.Polls.ShouldBe(4);
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnInvocationNeverRegisteredFailsAfterTheGracePeriodPointingAtTheAgent()
    {
        await using var ssm = await FakeSsmApi.StartAsync(FakeSsmReply.NotYet);
        var world = await SsmWorld.StartAsync(moto, ssm, Ct, grace: TimeSpan.FromMilliseconds(200));

        var error = await Should.ThrowAsync<SsmCommandFailedException>(() => world.Deployer().DeployAsync(SsmWorld.Request(), Ct));

        error.Deployment.Status.ShouldBe("InvocationDoesNotExist");
        error.Message.ShouldContain("Check that the SSM agent runs on the instance");
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PastTheDeadlineTheCommandIsCancelledOnTheHostAndTheBucketDeleted()
    {
        await using var ssm = await FakeSsmApi.StartAsync(FakeSsmReply.Of("InProgress"));
        var world = await SsmWorld.StartAsync(moto, ssm, Ct, deadline: TimeSpan.FromMilliseconds(300));
        var request = SsmWorld.Request() with { RolloutTimeout = TimeSpan.FromMilliseconds(100) };

        var error = await Should.ThrowAsync<SsmCommandFailedException>(() => world.Deployer().DeployAsync(request, Ct));

        error.Deployment.Status.ShouldBe("DeadlineExceeded");
        error.Message.ShouldContain("did not finish within the deadline");
        ssm.Cancelled.ShouldBe([ssm.Commands.Single().CommandId]);
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancellationMidPollCancelsTheCommandAndStillDeletesTheBucket()
    {
        await using var ssm = await FakeSsmApi.StartAsync(FakeSsmReply.Of("InProgress"));
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var deploy = world.Deployer().DeployAsync(SsmWorld.Request(), ctrlC.Token);
        await ssm.PolledAsync(3).WaitAsync(Ct);
        await ctrlC.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => deploy);
        ssm.Cancelled.ShouldBe([ssm.Commands.Single().CommandId]);
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
        world.Log.ToString().ShouldContain("ssm: deleted bucket k3s-deploy-");
    }
}
