using Octokit;
using Shipyard.Engine;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Builds the notifiers from their settings: each is either working or off with its reason, never a reason to fail the
/// build once created. Every outgoing body passes through <c>mask</c> (the run's secret masker) as defence in depth.
/// </summary>
public static class Notifiers
{
    /// <summary>
    /// Slack with the bot token (post, update in place, thread) when set, else with the webhook (one post per service),
    /// else off. A webhook that is not an absolute http(s) URL is a usage error (its value is not repeated: it is a secret).
    /// </summary>
    /// <param name="settings">Token or webhook, channel, timeouts.</param>
    /// <param name="log">Where warnings go (one line each, secrets masked).</param>
    /// <param name="mask">The run's secret masker, applied to every request body and warning.</param>
    /// <param name="time">Clock for retry waits and message times.</param>
    /// <param name="handler">The HTTP handler (tests, proxies); null → a new <see cref="SocketsHttpHandler"/>.</param>
    public static INotifier Slack(SlackSettings settings, TextWriter log, Func<string, string> mask, TimeProvider time, HttpMessageHandler? handler = null)
    {
        if (settings.MaxAttempts < 1) throw new UsageException($"the Slack attempt count must be at least 1, got {settings.MaxAttempts}");
        if (settings.RequestTimeout <= TimeSpan.Zero) throw new UsageException($"the Slack request timeout must be positive, got {settings.RequestTimeout}");
        var hasToken = !string.IsNullOrWhiteSpace(settings.BotToken);
        var hasWebhook = !string.IsNullOrWhiteSpace(settings.WebhookUrl);
        if (!hasToken && !hasWebhook) return Off("Slack notifications", "no Slack bot token or webhook is set", log);
        var notifierLog = new NotifierLog(log, mask, settings.BotToken, settings.WebhookUrl);
        // The timeout is per attempt (SlackTransport), so the client's own must not cut a retrying call short.
        var http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        var transport = new SlackTransport(http, settings, time);
        if (hasToken)
        {
            var channel = string.IsNullOrWhiteSpace(settings.Channel) ? "#builds" : settings.Channel.Trim();
            if (hasWebhook) notifierLog.Info("Slack: both a bot token and a webhook are set; using the bot token (messages are updated in place).");
            return new SlackNotifier(transport, settings with { Channel = channel }, time, notifierLog);
        }
        if (!Uri.TryCreate(settings.WebhookUrl!.Trim(), UriKind.Absolute, out var webhook) || webhook.Scheme is not ("https" or "http"))
            throw new UsageException("the Slack webhook must be an absolute https URL such as https://hooks.slack.com/services/…; the value given is not one (not shown: it is a secret)");
        return new SlackWebhookNotifier(transport, webhook, time, notifierLog);
    }

    /// <summary>GitHub deployments through Octokit when a token is set, else off.</summary>
    /// <param name="settings">Token, API root, timeout.</param>
    /// <param name="log">Where warnings go.</param>
    /// <param name="mask">The run's secret masker, applied to every field sent and every warning.</param>
    public static INotifier GitHubDeployments(GitHubDeploymentSettings settings, TextWriter log, Func<string, string> mask)
    {
        if (string.IsNullOrWhiteSpace(settings.Token)) return Off("GitHub deployments", "no GitHub token is set", log);
        if (!settings.ApiUrl.IsAbsoluteUri || settings.ApiUrl.Scheme is not ("https" or "http"))
            throw new UsageException($"the GitHub API URL must be an absolute http(s) URL such as https://api.github.com, got '{settings.ApiUrl}'");
        var client = new GitHubClient(new ProductHeaderValue("shipyard"), settings.ApiUrl)
        {
            Credentials = new Credentials(settings.Token, AuthenticationType.Bearer),
        };
        client.SetRequestTimeout(settings.RequestTimeout);
        return new GitHubDeploymentsNotifier(client, new NotifierLog(log, mask, settings.Token));
    }

    /// <summary>Runs every notifier on every call; one failing does not stop the others.</summary>
    public static INotifier Composite(TextWriter log, Func<string, string> mask, params IReadOnlyList<INotifier> notifiers) =>
        new CompositeNotifier(notifiers, new NotifierLog(log, mask));

    /// <summary>A notifier that does nothing and says once, on first use, <c>"{name} are off: {reason}"</c> (name e.g. <c>Slack notifications</c>).</summary>
    public static INotifier Off(string name, string reason, TextWriter log) => new OffNotifier(name, reason, log);
}
