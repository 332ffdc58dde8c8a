using Shipyard.Delivery.Records;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// The GitOps loop end to end, one real Pipeline run per deploy: prepare, buildah build and push into the real registry,
/// the GitOps commit pushed over HTTP with a token, Argo CD asked to sync it — a fake that renders the repository at
/// that commit with <c>kubectl kustomize</c> into the fake cluster — then Verify on the cluster, Rollback as a git
/// commit that Argo CD syncs in turn, and the Slack message of each deploy.
/// </summary>
[Trait("EndToEnd", "gitops")]
public sealed class GitOpsLoopEndToEndTests : IAsyncLifetime
{
    private GitOpsLoopWorld _loop = null!;

    public async ValueTask InitializeAsync() => _loop = await GitOpsLoopWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _loop.DisposeAsync();

    [Fact]
    public async Task AGoodVersionIsBuiltCommittedSyncedByArgoCdAtThatCommitVerifiedAndAnnouncedAsDeployed()
    {
        var tag = _loop.HeadTag;

        var run = await _loop.RunAsync(_loop.DeployArgs);

        run.ExitCode.ShouldBe(0, run.Output);
        var commit = _loop.World.GitRemote("rev-parse", "main");
        var digest = run.Row("Push", "todo-api").Facts[DeliveryFacts.Digest];
        var image = $"{_loop.World.Registry.Host}/todo/todo-api:{tag}@{digest}";
        run.Row("Deploy", "todo-api").ShouldSatisfyAllConditions(
            r => r.Facts[DeliveryFacts.Commit].ShouldBe(commit),
            r => r.Note!.ShouldContain($"synced {commit[..7]} on request"));
        _loop.World.GitRemote("log", "-1", "--format=%s", "main").ShouldBe($"Update todo-api to version {tag}");
        // Argo CD rendered exactly the pushed commit and shows it Synced and Healthy, by a sync that Succeeded.
        _loop.Cluster.Source.Rendered[^1].ShouldBe(commit);
        (await _loop.Cluster.HealthyAtAsync(commit)).ShouldBeTrue(string.Join("\n", _loop.Cluster.App.Served.Distinct()));
        _loop.Cluster.TemplateImage.ShouldBe(image);
        _loop.Cluster.ReadyPodImages.ShouldBe([image, image]);
        run.Row("Verify", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded), r => r.Note!.ShouldEndWith("(kubernetes)"));
        var message = _loop.Slack.Parents.ShouldHaveSingleItem();
        message.Text.ShouldBe($":white_check_mark: todo-api {tag} deploy to local succeeded");
        message.Blocks.ShouldContain("*Status*\\nSucceeded");
        foreach (var secret in _loop.Secrets) run.Output.ShouldNotContain(secret);
    }

    [Fact]
    public async Task ACrashLoopingVersionFailsVerifyFastAndItsRollbackCommitIsSyncedByArgoCdUntilTheOldImageRunsVerified()
    {
        var seed = _loop.World.GitRemote("rev-parse", "main");
        var goodTag = _loop.HeadTag;
        var good = await _loop.RunAsync(_loop.DeployArgs);
        good.ExitCode.ShouldBe(0, good.Output);
        var goodImage = _loop.Cluster.TemplateImage;
        var goodCommit = _loop.World.GitRemote("rev-parse", "main");
        var badTag = _loop.CommitSettings("""{ "Logging": { "LogLevel": { "Default": "Verbose" } }, "Todo": { "Store": "missing" } }""", "feat: a store the new version cannot open");
        _loop.CrashLoops(badTag);

        var bad = await _loop.RunAsync(_loop.DeployArgs);

        bad.ExitCode.ShouldBe(1, bad.Output);
        var badCommit = _loop.World.GitRemote("rev-parse", "main~1");
        var rollbackCommit = _loop.World.GitRemote("rev-parse", "main");
        bad.Row("Deploy", "todo-api").Facts[DeliveryFacts.Commit].ShouldBe(badCommit);
        bad.Row("Verify", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed),
            r => r.Note!.ShouldContain("CrashLoopBackOff"),
            r => r.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(20), "fail fast, not at the 5 min deadline"));
        bad.Output.ShouldContain("the new version cannot start"); // the crashed container's last log lines
        // Argo CD applied the bad commit: Synced, but never Healthy (its pods crash-loop, the old ones keep serving).
        _loop.Cluster.App.Served.ShouldContain($"Synced/Progressing@{badCommit} op=Succeeded");
        _loop.Cluster.App.SyncedAndHealthyAt(badCommit).ShouldBeNull();
        // The rollback is a git commit reverting exactly the bad one, and Argo CD synced it.
        _loop.World.GitRemote("log", "-1", "--format=%s|%(trailers:key=Reverts,valueonly)", "main").Trim()
            .ShouldBe($"Roll back todo-api to version {goodTag}|{badCommit}");
        _loop.World.GitRemote("diff", goodCommit, "main", "--", DeployWorld.Manifest).ShouldBeEmpty();
        _loop.Cluster.Source.Rendered.ShouldBe([seed, goodCommit, badCommit, rollbackCommit]);
        (await _loop.Cluster.HealthyAtAsync(rollbackCommit)).ShouldBeTrue(string.Join("\n", _loop.Cluster.App.Served.Distinct()));
        bad.Row("Rollback", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Succeeded, bad.Output),
            r => r.Note!.ShouldStartWith($"rolled back to {goodTag}"),
            r => r.Note!.ShouldEndWith("(kubernetes)"),
            r => r.Facts[DeliveryFacts.RolledBackTo].ShouldBe(goodImage));
        // The old image, pinned by digest, is the template again and its pods are the ones running.
        goodImage.ShouldContain($":{goodTag}@sha256:");
        _loop.Cluster.TemplateImage.ShouldBe(goodImage);
        _loop.Cluster.ReadyPodImages.ShouldBe([goodImage, goodImage]);
        _loop.Slack.Parents[^1].Text.ShouldBe($":leftwards_arrow_with_hook: todo-api {badTag} failed at Verify, rolled back to {goodTag}");
        foreach (var secret in _loop.Secrets) bad.Output.ShouldNotContain(secret);
    }
}
