using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process AWS Systems Manager endpoint speaking AWS JSON 1.1 (POST /, <c>X-Amz-Target: AmazonSSM.*</c>,
/// <c>application/x-amz-json-1.1</c>, errors as HTTP 400 <c>{"__type": …, "message": …}</c>) for what moto cannot do:
/// it never runs commands and always says Success. SendCommand, GetCommandInvocation (answers scripted in order, the
/// last one repeating) and CancelCommand; driven by the real AmazonSimpleSystemsManagementClient. With
/// <see cref="Upstream"/> set, every other AWS request (EC2, S3) is passed through to that server (moto), so a client
/// configured with one endpoint for all services (the pipeline's AWS endpoint setting) reaches both.
/// </summary>
public sealed class FakeSsmApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeSsmCommand> _commands = new();
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly ConcurrentDictionary<string, FakeSsmReply> _ran = new();
    private readonly Lock _gate = new();
    private readonly List<FakeSsmReply> _replies;
    private readonly List<(int Polls, TaskCompletionSource Reached)> _waiters = [];
    private readonly HttpClient _http = new();
    private KestrelHost? _host;
    private int _polls;

    private FakeSsmApi(IEnumerable<FakeSsmReply> replies) => _replies = [.. replies];

    /// <summary>The endpoint to give the SSM client as ServiceURL.</summary>
    public Uri Url => _host!.Url;

    /// <summary>Where requests that are not SSM's go (moto's endpoint), or null to refuse them.</summary>
    public Uri? Upstream { get; set; }

    /// <summary>Runs when a command is sent, before SendCommand answers (e.g. to write the output the agent would upload).</summary>
    public Func<FakeSsmCommand, Task>? OnSendCommand { get; set; }

    /// <summary>When set, decides each sent command's invocation answer (e.g. by running its script), instead of the scripted replies.</summary>
    public Func<FakeSsmCommand, Task<FakeSsmReply>>? Run { get; set; }

    /// <summary>Commands sent, in order.</summary>
    public IReadOnlyList<FakeSsmCommand> Commands => [.. _commands];

    /// <summary>Command ids CancelCommand was called for.</summary>
    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    /// <summary>GetCommandInvocation calls so far.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>Starts a server whose invocations answer <paramref name="replies"/> in order (the last repeats; none = Success).</summary>
    public static async Task<FakeSsmApi> StartAsync(params FakeSsmReply[] replies)
    {
        var api = new FakeSsmApi(replies.Length == 0 ? [FakeSsmReply.Of("Success")] : replies);
        api._host = await KestrelHost.StartAsync(api.HandleAsync);
        return api;
    }

    /// <summary>Completes once GetCommandInvocation was called <paramref name="polls"/> times.</summary>
    public Task PolledAsync(int polls)
    {
        lock (_gate)
        {
            if (_polls >= polls) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((polls, reached));
            return reached.Task;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        _http.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (Upstream is { } upstream && !target.StartsWith("AmazonSSM.", StringComparison.Ordinal))
        {
            await ProxyAsync(context, upstream);
            return;
        }
        var (status, body) = context.Request.Method != "POST" || !context.Request.ContentType!.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal)
            ? (400, Error("SerializationException", "expected POST with application/x-amz-json-1.1"))
            : await RouteAsync(target, await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body) ?? []);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private async Task<(int, JsonObject)> RouteAsync(string target, JsonObject request)
    {
        switch (target)
        {
            case "AmazonSSM.SendCommand":
                var command = Parse(request);
                if (OnSendCommand is { } hook) await hook(command);
                if (Run is { } run) _ran[command.CommandId] = await run(command);
                _commands.Enqueue(command);
                return (200, new JsonObject
                {
                    ["Command"] = new JsonObject
                    {
                        ["CommandId"] = command.CommandId,
                        ["DocumentName"] = command.DocumentName,
                        ["Status"] = "Pending",
                        ["InstanceIds"] = new JsonArray([.. command.InstanceIds.Select(i => (JsonNode)i)]),
                    },
                });
            case "AmazonSSM.GetCommandInvocation":
                var commandId = request["CommandId"]!.GetValue<string>();
                var reply = _ran.TryGetValue(commandId, out var ran) ? Counted(ran) : NextReply();
                var instanceId = request["InstanceId"]!.GetValue<string>();
                if (reply.Status is null || !_commands.Any(c => c.CommandId == commandId))
                    return (400, Error("InvocationDoesNotExist", $"Invocation {commandId} on {instanceId} does not exist"));
                return (200, new JsonObject
                {
                    ["CommandId"] = commandId,
                    ["InstanceId"] = instanceId,
                    ["DocumentName"] = "AWS-RunShellScript",
                    ["Status"] = reply.Status,
                    ["StatusDetails"] = reply.Status,
                    ["ResponseCode"] = reply.ResponseCode,
                    ["StandardOutputContent"] = reply.Stdout,
                    ["StandardErrorContent"] = reply.Stderr,
                });
            case "AmazonSSM.CancelCommand":
                _cancelled.Enqueue(request["CommandId"]!.GetValue<string>());
                return (200, []);
            default:
                return (400, Error("UnknownOperationException", $"unknown operation {target}"));
        }
    }

    private FakeSsmReply NextReply()
    {
        lock (_gate) return Counted(_replies[Math.Min(_polls, _replies.Count - 1)]);
    }

    private FakeSsmReply Counted(FakeSsmReply reply)
    {
        lock (_gate)
        {
            _polls++;
            foreach (var waiter in _waiters.Where(w => w.Polls <= _polls).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
            return reply;
        }
    }

    // The request as the SDK sent it (signature headers included: moto does not check them), and moto's answer as it is.
    private async Task ProxyAsync(HttpContext context, Uri upstream)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            new Uri(upstream, context.Request.Path.Value + context.Request.QueryString.Value));
        if (body.Length > 0 || context.Request.ContentLength is not null) request.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name is "Host" or "Content-Length" or "Transfer-Encoding" or "Expect" or "Connection") continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        using var response = await _http.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (name is not ("Transfer-Encoding" or "Connection")) context.Response.Headers[name] = values.ToArray();
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Content.CopyToAsync(context.Response.Body);
    }

    private static FakeSsmCommand Parse(JsonObject request)
    {
        var parameters = request["Parameters"]?.AsObject();
        List<string> Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
        return new FakeSsmCommand(
            Guid.NewGuid().ToString(), request["DocumentName"]!.GetValue<string>(), Strings(request["InstanceIds"]),
            Strings(parameters?["commands"]), Strings(parameters?["executionTimeout"]).FirstOrDefault(),
            request["OutputS3BucketName"]?.GetValue<string>(), request["OutputS3KeyPrefix"]?.GetValue<string>(),
            request["TimeoutSeconds"]?.GetValue<int>(), request["Comment"]?.GetValue<string>());
    }

    private static JsonObject Error(string type, string message) => new() { ["__type"] = type, ["message"] = message };
}
