using Build.Tests.Deploy;
using Build.Tests.Platform;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Build.Tests.Reliability;

/// <summary>
/// Faults of the servers a deploy talks to, through the real Pipeline: the registry failing mid-push, the GitOps server
/// refusing the push, Argo CD down once the commit is pushed, the Kubernetes API going down while Verify watches.
/// Each run ends with exit code 1, a one-line reason, the deploy lock released, nothing half-written, and a rollback
/// of what it pushed where one is configured.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class PipelineFaultTests
{
    private static readonly string[] Lock = ["--deploy-lock", "git-ref"];

    [Fact]
    public async Task ARegistryAnswering503ToTheManifestPutFailsThePushWithNoTagAndNoDeploy()
    {
        await using var world = await DeployWorld.CreateAsync(root => TinyImageService.Write(root));
        await using var proxy = await RegistryProxy.StartAsync(world.Registry.Host);
        proxy.Fail = r => r.Method == "PUT" && r.Path.Value!.Contains("/manifests/", StringComparison.Ordinal) ? 503 : 0;
        var before = world.GitRemote("rev-parse", "main");

        var run = await RunAsync(world, TinyImageService.DeployArgs(world, proxy.Host, "--skip", "Test"));

        run.ExitCode.ShouldBe(1, run.Output);
        proxy.Requests.ShouldContain(r => r.Contains("/blobs/uploads/", StringComparison.Ordinal), "the layers went up before the manifest was refused");
        var push = run.Row("Push", "todo-api");
        push.Status.ShouldBe(TargetStatus.Failed);
        push.Note!.ShouldStartWith($"buildah could not push {proxy.Host}/todo/todo-api:");
        push.Note.ShouldContain("uploading manifest");
        push.Note.ShouldContain("503 Service Unavailable. Run Push again once the registry answers");
        run.Row("Deploy", "todo-api").Status.ShouldBe(TargetStatus.NotRun);
        using var http = new HttpClient();
        (await http.GetAsync(new Uri($"http://{world.Registry.Host}/v2/todo/todo-api/tags/list"), TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, "no tag may name a half-pushed image");
        AssertClean(world, run, before);
    }

    [Fact]
    public async Task AGitOpsServerRefusingThePushFailsTheDeployAtOnceWithItsReason()
    {
        await using var world = await DeployWorld.CreateAsync();
        await world.Registry.PutImageAsync("todo/todo-api", "good111");
        var hook = Path.Combine(world.Remote, "hooks", "pre-receive");
        // Branch protection: lock refs may be written, the deploy branch may not.
        File.WriteAllText(hook, """
            #!/bin/sh
            while read old new ref; do
              if [ "$ref" = refs/heads/main ]; then echo "main is protected: changes need a reviewed pull request" >&2; exit 1; fi
            done
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var before = world.GitRemote("rev-parse", "main");

        var run = await RunAsync(world, world.DeployArgs("good111", Lock));

        run.ExitCode.ShouldBe(1, run.Output);
        var deploy = run.Row("Deploy", "todo-api");
        deploy.Status.ShouldBe(TargetStatus.Failed);
        deploy.Note!.ShouldContain("pre-receive hook declined");
        deploy.Note!.ShouldContain("the server said: main is protected: changes need a reviewed pull request");
        run.Output.Split("> git push").Length.ShouldBe(2, "refused at once, not retried as if another writer had raced");
        AssertClean(world, run, before);
    }

    [Fact]
    public async Task ArgoCdDownAfterThePushFailsTheDeployRecordsTheCommitAndRollsItBack()
    {
        await using var world = await DeployWorld.CreateAsync();
        await world.Registry.PutImageAsync("todo/todo-api", "good111");
        var before = world.GitRemote("rev-parse", "main");

        var argo = $"http://127.0.0.1:{LoopbackPort.Next()}/"; // nothing listens there

        var run = await RunAsync(world, world.DeployArgs("good111", [.. Lock, "--argocd-server", argo, "--argocd-token", "argocd-token-1", "--argocd-timeout", "5s"]));

        run.ExitCode.ShouldBe(1, run.Output);
        var (pushed, revert) = (world.GitRemote("rev-parse", "main~1"), world.GitRemote("rev-parse", "main"));
        world.GitRemote("rev-parse", "main~2").ShouldBe(before);
        run.Row("Deploy", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed),
            r => r.Note.ShouldBe($"Cannot reach Argo CD at {argo}: Connection refused ({argo[7..^1]}). Check the Argo CD server setting and that it is reachable from here. " +
                $"(the commit {pushed[..7]} with good111 is pushed; roll back to undo it)"),
            r => r.Facts[DeliveryFacts.Commit].ShouldBe(pushed));
        // The rollback's commit landed too; its own sync failed the same way, and the row does not offer to undo it.
        world.GitRemote("log", "-1", "--format=%(trailers:key=Reverts,valueonly)", "main").Trim().ShouldBe(pushed);
        world.GitRemote("diff", before, "main", "--", DeployWorld.Manifest).ShouldBeEmpty();
        run.Row("Rollback", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed),
            r => r.Note!.ShouldStartWith($"rolled back to 0000000 ({revert[..7]} is pushed), but then: Cannot reach Argo CD at {argo}"),
            r => r.Note!.ShouldNotContain("roll back to undo"));
        AssertClean(world, run, expectedTip: null);
    }

    [Fact]
    public async Task TheKubernetesApiDownMidWatchFailsVerifyAtItsDeadlineAndTheRollbackSaysItCouldNotBeVerified()
    {
        await using var world = await DeployWorld.CreateAsync();
        await world.Registry.PutImageAsync("todo/todo-api", "good111");
        // The cluster runs the branch's version; nothing syncs the new one before the API goes down.
        await using var cluster = await ArgoCluster.StartAsync(world.Remote, _ => false, autoSync: false);
        var api = cluster.Api;
        var watching = api.WaitForWatchesAsync("deployments", 1, TestContext.Current.CancellationToken).ContinueWith(_ => api.Down = true, TaskScheduler.Default);

        var run = await PipelineRun.StartAsync(world.Root, world.Environment(cluster.Kubeconfig), null,
            world.DeployArgs("good111", [.. Lock, "--verify-timeout", "4s"]));

        watching.IsCompletedSuccessfully.ShouldBeTrue();
        run.ExitCode.ShouldBe(1, run.Output);
        var pushed = world.GitRemote("rev-parse", "main~1");
        run.Row("Deploy", "todo-api").Facts[DeliveryFacts.Commit].ShouldBe(pushed);
        run.Row("Verify", "todo-api").Note!.ShouldStartWith("not verified within 4s: the API server stopped answering (");
        // Unverified is untrusted: the deploy is rolled back in git, and the rollback says it could not be verified either.
        world.GitRemote("log", "-1", "--format=%(trailers:key=Reverts,valueonly)", "main").Trim().ShouldBe(pushed);
        run.Row("Rollback", "todo-api").Note!.ShouldStartWith("rolled back to 0000000, but that version did not verify: not verified within 4s: the API server stopped answering (");
        AssertClean(world, run, expectedTip: null);
    }

    private static Task<PipelineRun> RunAsync(DeployWorld world, string[] args) => PipelineRun.StartAsync(world.Root, world.Environment(), null, args);

    private static void AssertClean(DeployWorld world, PipelineRun run, string? expectedTip)
    {
        Leftovers.LockRefs(world).ShouldBeEmpty(run.Output);
        Leftovers.TempFolders(world).ShouldBeEmpty(run.Output);
        if (expectedTip is not null) world.GitRemote("rev-parse", "main").ShouldBe(expectedTip, "the GitOps branch must not change");
    }
}
