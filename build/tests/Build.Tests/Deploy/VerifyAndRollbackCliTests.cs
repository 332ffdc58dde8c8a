using Build.Tests.Platform;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// Deploy → Verify → Rollback through the real Pipeline: a real registry and GitOps remote, and a fake cluster that a
/// fake Argo CD with auto-sync keeps at what the GitOps branch renders (the pipeline is not told about Argo CD: the
/// push is all it does); images tagged <c>bad…</c> crash-loop. Verify reads the cluster through the real KubernetesClient.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class VerifyAndRollbackCliTests : IAsyncLifetime
{
    private DeployWorld _world = null!;
    private ArgoCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await DeployWorld.CreateAsync();
        _cluster = await ArgoCluster.StartAsync(_world.Remote, image => image.Contains(":bad", StringComparison.Ordinal), autoSync: true);
        foreach (var tag in new[] { "good111", "bad2222", "good333" }) await _world.Registry.PutImageAsync("todo/todo-api", tag, seed: tag);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _world.DisposeAsync();
    }

    private Task<PipelineRun> RunAsync(params string[] args) => PipelineRun.StartAsync(_world.Root, _world.Environment(_cluster.Kubeconfig), null, args);

    [Fact]
    public async Task ACrashLoopingDeployIsRolledBackInGitAndTheOldVersionIsVerified()
    {
        (await RunAsync(_world.DeployArgs("good111"))).ExitCode.ShouldBe(0);
        var good = _world.GitRemote("rev-parse", "main");

        var bad = await RunAsync(_world.DeployArgs("bad2222"));

        bad.ExitCode.ShouldBe(1, bad.Output);
        bad.Row("Rollback", "todo-api").Status.ShouldBe(TargetStatus.Succeeded, bad.Output);
        bad.Row("Verify", "todo-api").Note!.ShouldContain("CrashLoopBackOff");
        bad.Output.ShouldContain("the new version cannot start"); // the container's last log lines
        bad.Row("Rollback", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded), r => r.Note!.ShouldStartWith("rolled back to good111"), r => r.Facts[DeliveryFacts.RolledBackTo].ShouldContain(":good111@sha256:"));
        var badCommit = _world.GitRemote("rev-parse", "main~1");
        _world.GitRemote("log", "-1", "--format=%s|%(trailers:key=Reverts,valueonly)", "main").Trim().ShouldBe($"Roll back todo-api to version good111|{badCommit}");
        _world.GitRemote("diff", good, "main", "--", DeployWorld.Manifest).ShouldBeEmpty();
        _cluster.Controller.Applied[^1].ShouldContain(":good111@");
    }

    [Fact]
    public async Task SlackShowsOneMessagePerDeployUpdatedInPlaceToItsFinalStateWithTheDetailsInItsThread()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        string[] Slack(string tag) => [.. _world.DeployArgs(tag), "--slack-bot-token", slack.Token, "--slack-api-url", slack.ApiUrl.ToString()];
        (await RunAsync(Slack("good111"))).ExitCode.ShouldBe(0);

        var bad = await RunAsync(Slack("bad2222"));

        bad.ExitCode.ShouldBe(1, bad.Output);
        slack.Parents.Count.ShouldBe(2, "one message per service deploy");
        var (good, rolledBack) = (slack.Parents[0], slack.Parents[1]);
        good.History.Count.ShouldBeGreaterThan(1, "updated in place, not posted again");
        good.Text.ShouldContain("todo-api good111 deploy to local succeeded");
        rolledBack.Text.ShouldContain("rolled back");
        rolledBack.Text.ShouldContain("todo-api");
        string.Join("\n", slack.RepliesTo(rolledBack).Select(r => r.Content.ToJsonString())).ShouldContain("CrashLoopBackOff");
    }

    [Fact]
    public async Task WithNoRollbackTheFailedVersionStaysAndTheRunStillFails()
    {
        (await RunAsync(_world.DeployArgs("good111"))).ExitCode.ShouldBe(0);

        var bad = await RunAsync(_world.DeployArgs("bad2222", "--no-rollback"));

        bad.ExitCode.ShouldBe(1, bad.Output);
        bad.Row("Rollback", null).Note.ShouldBe("no-rollback: todo-api keep the version that failed");
        _world.GitRemote("log", "-1", "--format=%s", "main").ShouldBe("Update todo-api to version bad2222");
    }

    [Fact]
    public async Task RollbackOnItsOwnRestoresThePreviousVersionOrTheNamedOneAndRefusesOneNeverDeployed()
    {
        (await RunAsync(_world.DeployArgs("good111"))).ExitCode.ShouldBe(0);
        (await RunAsync(_world.DeployArgs("good333"))).ExitCode.ShouldBe(0);
        var before = _world.GitRemote("rev-parse", "main");

        var never = await RunAsync(["Rollback", "--service", "todo-api", "--to", "zzz9999", .. _world.Common]);
        never.ExitCode.ShouldBe(2, never.Output);
        never.Output.Trim().Split('\n')[^1].ShouldContain("version 'zzz9999' was never deployed");
        _world.GitRemote("rev-parse", "main").ShouldBe(before);

        var back = await RunAsync(["Rollback", "--service", "todo-api", .. _world.Common]);
        back.ExitCode.ShouldBe(0, back.Output);
        back.Row("Rollback", "todo-api").Note!.ShouldStartWith("rolled back to good111");

        var named = await RunAsync(["Rollback", "--service", "todo-api", "--to", "good333", .. _world.Common]);
        named.ExitCode.ShouldBe(0, named.Output);
        named.Row("Rollback", "todo-api").Note!.ShouldStartWith("rolled back to good333");
        _cluster.Controller.Applied[^1].ShouldContain(":good333@");
    }
}
