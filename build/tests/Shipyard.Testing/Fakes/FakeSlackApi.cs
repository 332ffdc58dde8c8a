using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process Slack: the Web API's <c>chat.postMessage</c> and <c>chat.update</c> (bearer token checked, HTTP 200
/// with <c>ok:false</c> for errors as Slack does, <c>chat.update</c> only by channel id) and one incoming webhook
/// (plain-text <c>ok</c>). Records every request; <see cref="Script"/> overrides answers (429, 500, slow, ok:false).
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private const string WebhookPath = "/services/T0000/B0000/webhook-secret-part";
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly List<SlackMessage> _messages = [];
    private readonly Lock _gate = new();
    private KestrelHost? _host;
    private int _next;

    /// <summary>The bot token accepted.</summary>
    public string Token { get; set; } = "xoxb-test-token";

    /// <summary>Channel names (as posted to) and their ids.</summary>
    public Dictionary<string, string> Channels { get; } = new() { ["#builds"] = "C0BUILDS" };

    /// <summary>Called with each request; a non-null answer replaces the normal handling.</summary>
    public Func<SlackCall, SlackScripted?>? Script { get; set; }

    /// <summary>The Web API root to give the notifier.</summary>
    public Uri ApiUrl => new(_host!.Url, "api/");

    /// <summary>The incoming-webhook URL.</summary>
    public Uri WebhookUrl => new(_host!.Url, WebhookPath.TrimStart('/'));

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    /// <summary>Messages posted through the Web API, parents and replies, in posting order.</summary>
    public IReadOnlyList<SlackMessage> Messages { get { lock (_gate) return [.. _messages]; } }

    public IReadOnlyList<SlackMessage> Parents => [.. Messages.Where(m => m.ThreadTs is null)];

    public IReadOnlyList<SlackMessage> RepliesTo(SlackMessage parent) => [.. Messages.Where(m => m.ThreadTs == parent.Ts)];

    /// <summary>Bodies posted to the webhook.</summary>
    public IReadOnlyList<JsonObject> WebhookPosts =>
        [.. Calls.Where(c => c.Path == WebhookPath).Select(c => JsonNode.Parse(c.Body)!.AsObject())];

    public static async Task<FakeSlackApi> StartAsync()
    {
        var api = new FakeSlackApi();
        api._host = await KestrelHost.StartAsync(api.HandleAsync);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var call = new SlackCall(context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), body);
        _calls.Enqueue(call);
        if (Script?.Invoke(call) is { } scripted)
        {
            if (scripted.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(scripted.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            if (scripted.RetryAfter is { } after) context.Response.Headers.RetryAfter = after;
            await WriteAsync(context, scripted.Status, scripted.Body);
            return;
        }
        var (status, answer) = call.Path switch
        {
            WebhookPath => (200, "ok"),
            "/api/chat.postMessage" => (200, Authorized(call) ?? Post(JsonNode.Parse(body)!.AsObject())),
            "/api/chat.update" => (200, Authorized(call) ?? Update(JsonNode.Parse(body)!.AsObject())),
            _ when call.Path.StartsWith("/services/", StringComparison.Ordinal) => (404, "no_service"),
            _ => (404, "unknown_method"),
        };
        await WriteAsync(context, status, answer);
    }

    private string? Authorized(SlackCall call) =>
        call.Authorization == $"Bearer {Token}" ? null : Error(call.Authorization.Length == 0 ? "not_authed" : "invalid_auth");

    private string Post(JsonObject body)
    {
        var channel = body["channel"]?.GetValue<string>() ?? "";
        var id = Channels.TryGetValue(channel, out var named) ? named : Channels.ContainsValue(channel) ? channel : null;
        if (id is null) return Error("channel_not_found");
        var threadTs = body["thread_ts"]?.GetValue<string>();
        lock (_gate)
        {
            if (threadTs is not null && !_messages.Any(m => m.Ts == threadTs && m.Channel == id)) return Error("thread_not_found");
            var ts = $"1700000000.{++_next:000000}";
            _messages.Add(new SlackMessage(id, ts, threadTs, Content(body)));
            return new JsonObject { ["ok"] = true, ["channel"] = id, ["ts"] = ts }.ToJsonString();
        }
    }

    private string Update(JsonObject body)
    {
        var channel = body["channel"]?.GetValue<string>() ?? "";
        // Slack's chat.update wants the id chat.postMessage answered with, not a #name.
        if (!Channels.ContainsValue(channel)) return Error("channel_not_found");
        var ts = body["ts"]?.GetValue<string>();
        lock (_gate)
        {
            if (_messages.FirstOrDefault(m => m.Ts == ts && m.Channel == channel) is not { } message) return Error("message_not_found");
            message.Content = Content(body);
            message.History.Add(message.Content);
            return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts }.ToJsonString();
        }
    }

    private static JsonObject Content(JsonObject body) => new() { ["text"] = body["text"]?.DeepClone(), ["blocks"] = body["blocks"]?.DeepClone() };

    private static string Error(string error) => new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString();

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = body.StartsWith('{') ? "application/json; charset=utf-8" : "text/plain";
        await context.Response.WriteAsync(body);
    }
}
