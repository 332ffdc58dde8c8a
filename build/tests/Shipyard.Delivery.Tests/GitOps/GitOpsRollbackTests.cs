using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;
using static Shipyard.Delivery.Tests.GitOps.GitOpsDeployStrategyTests;

namespace Shipyard.Delivery.Tests.GitOps;

[Trait("Reliability", "faults")]
public sealed class GitOpsRollbackTests : IDisposable
{
    private const string File = "deploy/applications/todo-api/kustomization.yaml";
    private const string Digest1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Digest2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private static readonly ImageReference V1 = new("127.0.0.1:5000", "todo-api", "aaa1111", Digest1);
    private static readonly ImageReference V2 = new("127.0.0.1:5000", "todo-api", "bbb2222", Digest2);
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-rollback-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private IDeployStrategy Strategy(GitOpsBareRepository remote) => GitOpsRepositories.Strategy(
        GitOpsRepositories.Create(new GitOpsRepositorySettings { Url = remote.FileUrl, WorkRoot = _work }, TextWriter.Null, TimeProvider.System),
        new NoDeployLock(TextWriter.Null), null, new GitOpsDeploySettings(), TextWriter.Null);

    private static Task<GitOpsBareRepository> RemoteAsync() => GitOpsBareRepository.CreateAsync(new Dictionary<string, string>
    {
        [File] = "images:\n- name: todo-api # the API\n  newName: 127.0.0.1:5000/todo-api\n  newTag: old0000\n",
    });

    [Fact]
    public async Task RollbackAfterADeployInThisRunRestoresThePreviousImageWithARevertsTrailer()
    {
        using var remote = await RemoteAsync();
        var strategy = Strategy(remote);
        await DeployAsync(strategy, V1, Ct);
        var deployed = await DeployAsync(strategy, V2, Ct);

        var plan = await strategy.PlanRollbackAsync(TodoApi(File), deployed, null, Ct);
        var receipt = await strategy.RollbackAsync(plan, Ct);

        plan.Target.Digest.ShouldBe(Digest1);
        receipt.Changed.ShouldBeTrue();
        (await remote.ShowAsync(File)).ShouldContain("newTag: aaa1111\n  digest: " + Digest1);
        (await remote.GitAsync("log", "-1", "--format=%s|%(trailers:key=Reverts,valueonly)", "main")).Trim()
            .ShouldBe($"Roll back todo-api to version aaa1111|{deployed.Commit}");
    }

    [Fact]
    public async Task RollbackOnItsOwnReadsThePreviousVersionFromTheGitOpsHistory()
    {
        using var remote = await RemoteAsync();
        var writer = Strategy(remote);
        await DeployAsync(writer, V1, Ct);
        var bad = await DeployAsync(writer, V2, Ct);

        var later = Strategy(remote); // a later process: no receipt, only the repository
        var plan = await later.PlanRollbackAsync(TodoApi(File), null, null, Ct);

        plan.Bad.Tag.ShouldBe("bbb2222");
        plan.Target.ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "aaa1111", Digest1));
        plan.Reverts.ShouldBe(bad.Commit);
    }

    [Fact]
    public async Task RollbackToANamedVersionFindsItInHistoryAndRefusesOneNeverDeployed()
    {
        using var remote = await RemoteAsync();
        var strategy = Strategy(remote);
        await DeployAsync(strategy, V1, Ct);
        await DeployAsync(strategy, V2, Ct);

        (await strategy.PlanRollbackAsync(TodoApi(File), null, "old0000", Ct)).Target.Tag.ShouldBe("old0000");
        var never = await Should.ThrowAsync<UsageException>(() => strategy.PlanRollbackAsync(TodoApi(File), null, "zzz9999", Ct));
        never.Message.ShouldBe($"todo-api: version 'zzz9999' was never deployed by {File} in {remote.FileUrl}@main (deployed before: aaa1111, old0000)");
        (await Should.ThrowAsync<UsageException>(() => strategy.PlanRollbackAsync(TodoApi(File), null, "bbb2222", Ct)))
            .Message.ShouldContain("is the version deployed now");
    }

    [Fact]
    public async Task ARollbackRacingANewerDeployDoesNotOverwriteIt()
    {
        using var remote = await RemoteAsync();
        var strategy = Strategy(remote);
        await DeployAsync(strategy, V1, Ct);
        var bad = await DeployAsync(strategy, V2, Ct);
        var plan = await strategy.PlanRollbackAsync(TodoApi(File), bad, null, Ct);

        // Another run deploys a fix between the rollback's plan and its write.
        var newer = V2 with { Tag = "ccc3333", Digest = "sha256:" + new string('3', 64) };
        await DeployAsync(Strategy(remote), newer, Ct);
        var head = (await remote.GitAsync("rev-parse", "main")).Trim();

        var refused = await Should.ThrowAsync<NewerDeployException>(() => strategy.RollbackAsync(plan, Ct));

        refused.Message.ShouldStartWith("todo-api was not rolled back: it was to undo bbb2222, but ccc3333 is deployed now");
        (await remote.GitAsync("rev-parse", "main")).Trim().ShouldBe(head);
        (await remote.ShowAsync(File)).ShouldContain("newTag: ccc3333");
    }

    [Fact]
    public async Task TheDeployedImageIsReadFromTheGitOpsRepositoryNotTheCodeCheckout()
    {
        using var remote = await RemoteAsync();
        var strategy = Strategy(remote);
        await DeployAsync(strategy, V2, Ct);

        var deployed = await strategy.DeployedImageAsync(TodoApi(File), Ct);

        deployed.ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "bbb2222", Digest2));
    }
}
