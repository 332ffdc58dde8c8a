using Shipyard.Delivery.Notifications;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>
/// A canary value used as every credential (Slack token, webhook, GitHub token) and leaked into the views (an error
/// line, a stage note, an image name) never leaves in a request body or a warning. The '+' and '&lt;' in it would be
/// written as \u002B and \u003C by the default JSON encoder, past a masker: the test covers that too.
/// </summary>
[Trait("Reliability", "secrets")]
public sealed class CanarySecretTests : IAsyncLifetime
{
    private const string Canary = "canary+S3cr3t<42>";
    private FakeSlackApi _slack = null!;
    private FakeGitHubApi _github = null!;
    private readonly StringWriter _log = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Mask(string text) => text.Replace(Canary, "***", StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.Token = Canary;
        _github = await FakeGitHubApi.StartAsync();
        _github.Tokens.Add(Canary);
    }

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _github.DisposeAsync();
    }

    private static ServiceDeliveryView Leaky(ServiceDeliveryView view) => view with
    {
        Image = $"registry.example.com/todo-api?token={Canary}",
        Error = $"helm said: password={Canary} rejected",
        Stages = [.. view.Stages, new StageView("Verify", Shipyard.Engine.TargetStatus.Failed, TimeSpan.FromSeconds(3), $"env TOKEN={Canary}")],
    };

    [Fact]
    public async Task TheCanaryNeverAppearsInASlackOrGitHubRequestBodyWhenItLeaksIntoTheViews()
    {
        var notifier = Notifiers.Composite(_log, Mask,
            Notifiers.Slack(new SlackSettings { BotToken = Canary, ApiUrl = _slack.ApiUrl }, _log, Mask, new TestClock()),
            Notifiers.Slack(new SlackSettings { WebhookUrl = _slack.WebhookUrl.ToString() }, _log, Mask, new TestClock()),
            Notifiers.GitHubDeployments(new GitHubDeploymentSettings { Token = Canary, ApiUrl = _github.Url }, _log, Mask));

        await notifier.StartedAsync(Deliveries.Run, Leaky(Deliveries.Started()), Ct);
        await notifier.UpdatedAsync(Deliveries.Run, Leaky(Deliveries.Failed()), Ct);
        await notifier.FinishedAsync(Deliveries.Report(Leaky(Deliveries.RolledBack())), Ct);

        _slack.Parents.ShouldHaveSingleItem().Blocks.ShouldContain("password=*** rejected", customMessage: "the leak was there, masked");
        _slack.WebhookPosts.ShouldHaveSingleItem();
        _github.Deployments.Count.ShouldBe(2);
        _slack.Calls.ShouldAllBe(c => !c.Body.Contains(Canary) && !c.Body.Contains("S3cr3t"));
        _github.Bodies.ShouldAllBe(b => !b.Contains(Canary) && !b.Contains("S3cr3t"));
        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task WarningsNeverCarryTheCanaryEvenWhenTheRunsMaskerDoesNotKnowIt()
    {
        static string Nothing(string text) => text;
        var wrongToken = Notifiers.Slack(new SlackSettings { BotToken = $"{Canary}-wrong", ApiUrl = _slack.ApiUrl }, _log, Nothing, new TestClock());
        var revokedWebhook = Notifiers.Slack(
            new SlackSettings { WebhookUrl = new Uri(_slack.WebhookUrl, $"/services/T0000/B0000/{Canary}").ToString() }, _log, Nothing, new TestClock());
        var unreachableWebhook = Notifiers.Slack(
            new SlackSettings { WebhookUrl = $"http://127.0.0.1:{LoopbackPort.Next()}/services/{Canary}", MaxAttempts = 1 }, _log, Nothing, new TestClock());
        var wrongGitHub = Notifiers.GitHubDeployments(new GitHubDeploymentSettings { Token = $"{Canary}-wrong", ApiUrl = _github.Url }, _log, Nothing);

        foreach (var notifier in new[] { wrongToken, revokedWebhook, unreachableWebhook, wrongGitHub })
            await notifier.FinishedAsync(Deliveries.Report(Deliveries.Succeeded()), Ct);

        var warnings = _log.ToString();
        warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(4, warnings);
        warnings.ShouldNotContain("S3cr3t");
    }
}
