namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Slack through an incoming webhook: it can only post (no <c>ts</c> comes back, so no update and no thread), so each
/// service gets one message when the run ends, with the details below the fields. Webhooks answer <c>ok</c> in plain
/// text, or an error word with a 4xx status.
/// </summary>
internal sealed class SlackWebhookNotifier(SlackTransport transport, Uri webhook, TimeProvider time, NotifierLog log) : INotifier
{
    private string? _off;

    /// <inheritdoc />
    public Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        report = ViewMask.Apply(report, log.Mask);
        foreach (var view in report.Services)
        {
            if (_off is not null) return;
            try
            {
                var json = log.Mask(SlackMessages.Final(report.Run, view, time.GetUtcNow()).ToJsonString(SlackMessages.Wire));
                var response = await transport.PostAsync(webhook, null, json, cancellationToken);
                var why = response.Failure
                    ?? (response.Status == 200 ? null : $"HTTP {response.Status} {DeliveryText.OneLine(response.Body, 100)}{Hint(response.Body)}");
                if (why is not null) TurnOff(view.Service, why);
            }
            catch (OperationCanceledException)
            {
                log.Warning($"Slack: the webhook message for {view.Service} was cancelled before Slack answered.");
                return;
            }
            catch (Exception e)
            {
                TurnOff(view.Service, $"{e.GetType().Name}: {e.Message}");
            }
        }
    }

    private void TurnOff(string service, string why)
    {
        _off = why;
        log.Warning($"Slack: the webhook message for {service} failed: {why.TrimEnd('.')}. Slack notifications are off for the rest of this run; the build result is unaffected.");
    }

    private static string Hint(string body) => body.Trim() switch
    {
        "invalid_token" or "no_service" or "no_team" or "team_disabled" => ": the webhook was revoked or is wrong; check the Slack webhook setting",
        "channel_not_found" or "channel_is_archived" => ": the webhook's channel is gone; create a new webhook",
        _ => "",
    };
}
