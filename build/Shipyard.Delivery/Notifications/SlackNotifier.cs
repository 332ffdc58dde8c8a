using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Slack with a bot token: one parent message per service, posted when its deploy starts (or when the report first
/// names it) and edited in place with <c>chat.update</c> until its final state; stage timings and details go as
/// replies in its thread. Slack answers 200 with <c>ok:false</c> for most errors, so the body decides. A refusal that
/// will not get better (bad token, unknown channel) or retries that ran out turn Slack off for the rest of the run
/// with one warning, so an outage costs each run a bounded number of requests.
/// </summary>
internal sealed class SlackNotifier(SlackTransport transport, SlackSettings settings, TimeProvider time, NotifierLog log) : INotifier
{
    // Errors that concern one message only; any other ok:false means every later call would fail the same way.
    private static readonly HashSet<string> MessageErrors =
        ["invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "invalid_arguments", "message_not_found", "cant_update_message", "edit_window_closed"];

    private readonly ConcurrentDictionary<string, (string Channel, string Ts)> _parents = new();
    private string? _off;

    /// <inheritdoc />
    public Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) =>
        GuardAsync(service.Service, () => ShowAsync(ViewMask.Apply(run, log.Mask), ViewMask.Apply(service, log.Mask), cancellationToken));

    /// <inheritdoc />
    public Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) =>
        GuardAsync(service.Service, () => ShowAsync(ViewMask.Apply(run, log.Mask), ViewMask.Apply(service, log.Mask), cancellationToken));

    /// <inheritdoc />
    public async Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        report = ViewMask.Apply(report, log.Mask);
        // One service after another: Slack limits posting to about one message per second per channel.
        foreach (var view in report.Services)
            await GuardAsync(view.Service, async () =>
            {
                if (await ShowAsync(report.Run, view, cancellationToken) is not { } parent) return;
                if (view.Stages.Count > 0) await ReplyAsync(parent, view.Service, SlackMessages.Stages(view), cancellationToken);
                if (SlackMessages.Details(view) is { } details) await ReplyAsync(parent, view.Service, details, cancellationToken);
            });
    }

    /// <summary>Edits the service's parent in place, or posts it when there is none yet; returns it.</summary>
    private async Task<(string Channel, string Ts)?> ShowAsync(DeliveryRun run, ServiceDeliveryView view, CancellationToken cancellationToken)
    {
        var message = SlackMessages.Parent(run, view, time.GetUtcNow());
        if (_parents.TryGetValue(view.Service, out var parent))
        {
            message["channel"] = parent.Channel;
            message["ts"] = parent.Ts;
            await CallAsync("chat.update", message, view.Service, cancellationToken);
            return parent;
        }
        message["channel"] = settings.Channel;
        var reply = await CallAsync("chat.postMessage", message, view.Service, cancellationToken);
        if (reply?["ts"]?.GetValue<string>() is not { } ts) return null;
        // chat.update needs the channel id Slack answered with, not the #name we posted to.
        var posted = (reply["channel"]?.GetValue<string>() ?? settings.Channel, ts);
        _parents[view.Service] = posted;
        return posted;
    }

    private Task ReplyAsync((string Channel, string Ts) parent, string service, JsonObject message, CancellationToken cancellationToken)
    {
        message["channel"] = parent.Channel;
        message["thread_ts"] = parent.Ts;
        return CallAsync("chat.postMessage", message, service, cancellationToken);
    }

    private async Task<JsonObject?> CallAsync(string method, JsonObject message, string service, CancellationToken cancellationToken)
    {
        if (_off is not null) return null;
        var json = log.Mask(message.ToJsonString(SlackMessages.Wire));
        var response = await transport.PostAsync(new Uri(settings.ApiUrl, method), settings.BotToken, json, cancellationToken);
        if (response.Failure is { } failure) return TurnOff(service, method, failure);
        JsonObject? reply = null;
        try
        {
            reply = JsonNode.Parse(response.Body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not Slack's JSON (a proxy's error page): handled below like any unreadable answer.
        }
        if (reply is null) return TurnOff(service, method, $"HTTP {response.Status} with a body that is not Slack's JSON");
        if (reply["ok"]?.GetValueKind() == JsonValueKind.True) return reply;
        var error = reply["error"]?.ToString() ?? "unknown_error";
        if (!MessageErrors.Contains(error)) return TurnOff(service, method, $"{error}{Hint(error)}");
        log.Warning($"Slack: {method} for {service} answered ok:false ({error}); this message is lost, later ones are still sent.");
        return null;
    }

    private JsonObject? TurnOff(string service, string method, string why)
    {
        // Only the first failure warns: parallel services must not each say the same thing.
        if (Interlocked.CompareExchange(ref _off, why, null) is null)
            log.Warning($"Slack: {method} for {service} failed: {why.TrimEnd('.')}. Slack notifications are off for the rest of this run; the build result is unaffected.");
        return null;
    }

    private string Hint(string error) => error switch
    {
        "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive" =>
            ": Slack refused the bot token; check the Slack bot token setting",
        "missing_scope" => ": the bot token lacks the chat:write scope",
        "channel_not_found" => $": no channel {settings.Channel} that the bot can see; check the Slack channel setting",
        "not_in_channel" => $": the bot is not a member of {settings.Channel}; invite it",
        "is_archived" => $": {settings.Channel} is archived",
        _ => "",
    };

    private async Task GuardAsync(string service, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (OperationCanceledException)
        {
            log.Warning($"Slack: the notification for {service} was cancelled before Slack answered.");
        }
        catch (Exception e)
        {
            // A notifier must never change the build result; a bug here is still worth a line.
            log.Warning($"Slack: the notification for {service} failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }
    }
}
