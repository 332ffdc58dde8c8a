using Shipyard.Delivery.Notifications;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>GitHub deployments through Octokit against the fake GitHub API (which Octokit reaches under /api/v3, as for GitHub Enterprise).</summary>
public sealed class GitHubDeploymentsNotifierTests : IAsyncLifetime
{
    private FakeGitHubApi _github = null!;
    private readonly StringWriter _log = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _github = await FakeGitHubApi.StartAsync();

    public async ValueTask DisposeAsync() => await _github.DisposeAsync();

    private INotifier GitHub(string token = "github-token") =>
        Notifiers.GitHubDeployments(new GitHubDeploymentSettings { Token = token, ApiUrl = _github.Url }, _log, s => s);

    [Fact]
    public async Task ASuccessfulDeployIsOneDeploymentOfTheSourceCommitWithStatusesInProgressThenSuccess()
    {
        var github = GitHub();

        await github.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await github.FinishedAsync(Deliveries.Report(Deliveries.Succeeded()), Ct);

        var deployment = _github.Deployments.ShouldHaveSingleItem();
        deployment.Repository.ShouldBe("acme/todo-platform");
        var request = deployment.Request;
        request["ref"]!.GetValue<string>().ShouldBe(Deliveries.Sha);
        request["environment"]!.GetValue<string>().ShouldBe("production");
        request["task"]!.GetValue<string>().ShouldBe("deploy:todo-api");
        request["auto_merge"]!.GetValue<bool>().ShouldBeFalse();
        request["required_contexts"]!.AsArray().ShouldBeEmpty();
        request["payload"]!["image"]!.GetValue<string>().ShouldBe("registry.example.com/todo-api");
        request["payload"]!["tag"]!.GetValue<string>().ShouldBe("1.4.2");
        request["payload"]!["digest"]!.GetValue<string>().ShouldBe(Deliveries.Digest);
        deployment.States.ShouldBe(["in_progress", "success"]);
        deployment.Statuses.ShouldAllBe(s => s["log_url"]!.GetValue<string>() == "https://github.com/acme/todo-platform/actions/runs/987654");
        deployment.Statuses[1]["environment_url"]!.GetValue<string>().ShouldBe("https://todo.example.com/");
        deployment.Statuses[1]["description"]!.GetValue<string>().ShouldBe("todo-api 1.4.2 deploy to production succeeded");
        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailedDeployEndsWithAFailureStatusSayingWhichStageFailed()
    {
        var github = GitHub();

        await github.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await github.UpdatedAsync(Deliveries.Run, Deliveries.Failed(), Ct);
        await github.FinishedAsync(Deliveries.Report(Deliveries.Failed()), Ct);

        var deployment = _github.Deployments.ShouldHaveSingleItem();
        deployment.States.ShouldBe(["in_progress", "failure"], "the final report repeats the update: no second failure status");
        deployment.Statuses[1]["description"]!.GetValue<string>().ShouldBe("todo-api 1.4.2 failed at Verify");
    }

    [Fact]
    public async Task ARollbackMarksTheBadDeploymentFailureAndRecordsTheRestoredVersionAsSuccess()
    {
        var github = GitHub();

        await github.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await github.UpdatedAsync(Deliveries.Run, Deliveries.Failed(), Ct);
        await github.FinishedAsync(Deliveries.Report(Deliveries.RolledBack()), Ct);

        _github.Deployments.Count.ShouldBe(2);
        var (bad, restored) = (_github.Deployments[0], _github.Deployments[1]);
        bad.States.ShouldBe(["in_progress", "failure"]);
        restored.Request["ref"]!.GetValue<string>().ShouldBe("0a0b0c0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0b");
        restored.Request["payload"]!["tag"]!.GetValue<string>().ShouldBe("1.4.1");
        restored.Request["environment"]!.GetValue<string>().ShouldBe("production");
        restored.States.ShouldBe(["success"]);
        restored.Statuses[0]["description"]!.GetValue<string>().ShouldBe("todo-api restored to 1.4.1");
    }

    [Fact]
    public async Task ADeployReportedOnlyAtTheEndStillGetsTheWholeSequenceAndABuildWithoutDeployGetsNone()
    {
        await GitHub().FinishedAsync(Deliveries.Report(Deliveries.Succeeded("todo-api"), Deliveries.BuiltOnly("todo-worker")), Ct);

        _github.Deployments.ShouldHaveSingleItem().States.ShouldBe(["in_progress", "success"]);
    }

    [Fact]
    public async Task AWrongTokenIsOneWarningAndNothingThrows()
    {
        var github = GitHub("ghp_wrong");

        await github.StartedAsync(Deliveries.Run, Deliveries.Started("todo-api"), Ct);
        await github.StartedAsync(Deliveries.Run, Deliveries.Started("todo-worker"), Ct);
        await github.FinishedAsync(Deliveries.Report(Deliveries.Succeeded("todo-api"), Deliveries.Failed("todo-worker")), Ct);

        _github.Bodies.Count.ShouldBe(1, "off after the first refusal");
        _log.ToString().Trim().ShouldBe(
            "warning: GitHub deployments: recording todo-api failed: HTTP 401 Bad credentials: GitHub refused the token; check the GitHub token setting. " +
            "Deployments are not recorded for the rest of this run; the build result is unaffected.");
    }

    [Fact]
    public async Task WithoutATokenGitHubDeploymentsSayOnceThatTheyAreOff()
    {
        var github = Notifiers.GitHubDeployments(new GitHubDeploymentSettings(), _log, s => s);

        await github.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await github.FinishedAsync(Deliveries.Report(Deliveries.Succeeded()), Ct);

        _log.ToString().ShouldBe($"GitHub deployments are off: no GitHub token is set{Environment.NewLine}");
        _github.Bodies.ShouldBeEmpty();
    }

    [Fact]
    public async Task ACompositeRunsEveryNotifierEvenWhenOneThrows()
    {
        var composite = Notifiers.Composite(_log, s => s, new Throwing(), GitHub());

        await composite.FinishedAsync(Deliveries.Report(Deliveries.Succeeded()), Ct);

        _github.Deployments.ShouldHaveSingleItem().States.ShouldBe(["in_progress", "success"]);
        _log.ToString().Trim().ShouldBe("warning: Throwing failed: InvalidOperationException: boom; the other notifiers still ran.");
    }

    private sealed class Throwing : INotifier
    {
        public Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");

        public Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");

        public Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }
}
