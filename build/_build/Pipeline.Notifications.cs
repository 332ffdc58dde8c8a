using Shipyard.Delivery.Notifications;
using Shipyard.Delivery.Records;
using Shipyard.Engine;

// Who hears about the run: Slack, GitHub deployments, and the GitHub run page. All are views of the delivery records.
partial class Pipeline
{
    [Parameter("Slack bot token (chat:write): one message per service, updated in place, details in its thread"), Secret]
    readonly string? SlackBotToken = null;

    [Parameter("Slack channel of the bot's messages")]
    readonly string SlackChannel = "#builds";

    [Parameter("Slack incoming-webhook URL (posts only; the bot token is preferred)"), Secret]
    readonly string? SlackWebhook = null;

    [Parameter("Slack API root (tests, proxies)")]
    readonly string SlackApiUrl = "https://slack.com/api/";

    [Parameter("Report deploys as GitHub deployments (Environments page) when a GitHub token is set")]
    readonly bool GithubDeployments = true;

    // Called once before any target runs: a malformed webhook is a usage error then, not a surprise at the end.
    void AddConfiguredNotifiers()
    {
        ValidateHttpUrl(SlackApiUrl, "--slack-api-url");
        var run = DeliveryViews.Run(DeployEnvironmentName, CiRun, CiRun?.Sha); // locally: no links, so no commit is read here
        Notifiers.Add(new RecordNotifier(Shipyard.Delivery.Notifications.Notifiers.Slack(new SlackSettings
        {
            BotToken = SlackBotToken,
            WebhookUrl = SlackWebhook,
            Channel = SlackChannel,
            ApiUrl = new Uri(SlackApiUrl.TrimEnd('/') + "/"),
        }, Log, Mask, Time), run));
        if (GithubDeployments && CiRun is not null)
            Notifiers.Add(new RecordNotifier(Shipyard.Delivery.Notifications.Notifiers.GitHubDeployments(
                new GitHubDeploymentSettings { Token = GithubToken, ApiUrl = Shipyard.Delivery.Locks.GitHubApiUrl.Parse(GithubApiUrl, "--github-api-url") }, Log, Mask), run));
        if (Host.IsServer) Notifiers.Add(new RunPageNotifier(Host, run, Log));
    }

    string DeployEnvironmentName => DeployEnvironment ?? (IsLocalBuild ? "local" : "production");

    /// <summary>The GitHub run page: the deploy table in the step summary and an annotation per failed service.</summary>
    sealed class RunPageNotifier(IBuildHost host, DeliveryRun run, TextWriter log) : IDeliveryNotifier
    {
        public Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task RunFinishedAsync(FinishedRun finished, CancellationToken cancellationToken)
        {
            var deployed = finished.Services.Where(s => s.Deployed is not null).ToList();
            if (deployed.Count == 0) return;
            var report = new DeliveryReport(run, finished.ExitCode == 0 ? DeliveryStatus.Succeeded : DeliveryStatus.Failed, finished.Duration,
                [.. deployed.Select(r => DeliveryViews.Of(r, finished: true, finished.Cancelled))]);
            host.AppendSummary(DeployTableMarkdown.Render(report));
            foreach (var line in DeployAnnotations.Lines(report)) await log.WriteLineAsync(line);
        }
    }
}
