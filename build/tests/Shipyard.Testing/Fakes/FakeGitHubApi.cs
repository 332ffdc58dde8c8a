using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process GitHub REST API serving Actions repository variables
/// (<c>GET|PATCH /repos/{owner}/{repo}/actions/variables/{name}</c>, <c>POST .../variables</c>) and deployments
/// (<c>POST /repos/{owner}/{repo}/deployments</c>, <c>POST .../deployments/{id}/statuses</c>) with GitHub's status
/// codes and snake_case bodies, bearer tokens checked. Also answers under <c>/api/v3/</c>, where Octokit sends requests
/// for any host other than api.github.com (GitHub Enterprise). <see cref="BeforeHandling"/> and <see cref="Handled"/> let a
/// test order concurrent requests to reproduce a race deterministically.
/// </summary>
public sealed class FakeGitHubApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Repo, string Name), JsonObject> _variables = new();
    private readonly Lock _gate = new();
    private readonly List<FakeDeployment> _deployments = [];
    private readonly ConcurrentQueue<string> _bodies = new();
    private KestrelHost? _host;

    /// <summary>Tokens the server accepts.</summary>
    public HashSet<string> Tokens { get; } = ["github-token"];

    /// <summary>Runs before a request touches the variables (may wait).</summary>
    public Func<GitHubCall, Task>? BeforeHandling { get; set; }

    /// <summary>Runs after a request read or wrote the variables, before the response is sent.</summary>
    public Action<GitHubCall>? Handled { get; set; }

    /// <summary>Runs after <see cref="Handled"/>, before the response is sent (may wait: holds a read's answer back).</summary>
    public Func<GitHubCall, Task>? AfterHandling { get; set; }

    /// <summary>Deployments created, in order.</summary>
    public IReadOnlyList<FakeDeployment> Deployments { get { lock (_gate) return [.. _deployments]; } }

    /// <summary>Every request body received, raw.</summary>
    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>The server's base address (the API root, like <c>https://api.github.com/</c>).</summary>
    public Uri Url => _host!.Url;

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeGitHubApi> StartAsync()
    {
        var api = new FakeGitHubApi();
        api._host = await KestrelHost.StartAsync(api.HandleAsync);
        return api;
    }

    /// <summary>Sets a variable as if created at <paramref name="updatedAt"/>.</summary>
    public void SetVariable(string repo, string name, string value, DateTimeOffset? updatedAt = null)
    {
        var at = (updatedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        _variables[(repo, name)] = new JsonObject { ["name"] = name, ["value"] = value, ["created_at"] = at, ["updated_at"] = at };
    }

    /// <summary>A variable's value, or null.</summary>
    public string? Value(string repo, string name) => _variables.TryGetValue((repo, name), out var v) ? v["value"]!.GetValue<string>() : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var token = request.Headers.Authorization.ToString() is var h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h[7..] : "";
        var text = request.Method is "POST" or "PATCH" ? await new StreamReader(request.Body).ReadToEndAsync() : null;
        if (text is not null) _bodies.Enqueue(text);
        var body = text is null ? null : JsonSerializer.Deserialize<JsonObject>(text);
        var call = new GitHubCall(request.Method, request.Path.Value ?? "", token, body?["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
        var (status, response) = Tokens.Contains(token) ? await RouteAsync(call, body) : (401, Message("Bad credentials"));
        context.Response.StatusCode = status;
        if (response is null) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private async Task<(int, JsonObject?)> RouteAsync(GitHubCall call, JsonObject? body)
    {
        if (BeforeHandling is { } before) await before(call);
        var s = call.Path.Trim('/').Split('/') is ["api", "v3", .. var rest] ? rest : call.Path.Trim('/').Split('/');
        (int, JsonObject?) result;
        lock (_gate)
        {
            result = (call.Method, s) switch
            {
                ("GET", ["repos", var o, var r, "actions", "variables", var n]) =>
                    _variables.TryGetValue(($"{o}/{r}", n), out var v) ? (200, (JsonObject)v.DeepClone()) : (404, Message("Not Found")),
                ("PATCH", ["repos", var o, var r, "actions", "variables", var n]) => Patch($"{o}/{r}", n, call.Value),
                ("POST", ["repos", var o, var r, "actions", "variables"]) => Create($"{o}/{r}", body?["name"]?.GetValue<string>() ?? "", call.Value),
                ("POST", ["repos", var o, var r, "deployments"]) => CreateDeployment($"{o}/{r}", body!),
                ("POST", ["repos", var o, var r, "deployments", var id, "statuses"]) => CreateStatus($"{o}/{r}", id, body!),
                _ => (404, Message("Not Found")),
            };
        }
        Handled?.Invoke(call);
        if (AfterHandling is { } after) await after(call);
        return result;
    }

    private (int, JsonObject?) Patch(string repo, string name, string? value)
    {
        if (!_variables.TryGetValue((repo, name), out var v)) return (404, Message("Not Found"));
        v["value"] = value;
        v["updated_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        return (204, null);
    }

    private (int, JsonObject?) Create(string repo, string name, string? value)
    {
        if (_variables.ContainsKey((repo, name))) return (409, Message("Already exists - Variable already exists"));
        SetVariable(repo, name, value ?? "");
        return (201, new JsonObject());
    }

    private (int, JsonObject?) CreateDeployment(string repo, JsonObject body)
    {
        var deployment = new FakeDeployment(_deployments.Count + 1, repo, body);
        _deployments.Add(deployment);
        return (201, new JsonObject
        {
            ["id"] = deployment.Id,
            ["ref"] = body["ref"]?.DeepClone(),
            ["sha"] = body["ref"]?.DeepClone(),
            ["task"] = body["task"]?.DeepClone(),
            ["environment"] = body["environment"]?.DeepClone(),
            ["payload"] = body["payload"]?.DeepClone(),
            ["created_at"] = "2025-01-01T00:00:00Z",
            ["updated_at"] = "2025-01-01T00:00:00Z",
        });
    }

    private (int, JsonObject?) CreateStatus(string repo, string id, JsonObject body)
    {
        if (_deployments.FirstOrDefault(d => d.Repository == repo && d.Id.ToString() == id) is not { } deployment) return (404, Message("Not Found"));
        deployment.Statuses.Add(body);
        return (201, new JsonObject
        {
            ["id"] = deployment.Statuses.Count,
            ["state"] = body["state"]?.DeepClone(),
            ["description"] = body["description"]?.DeepClone(),
            ["created_at"] = "2025-01-01T00:00:00Z",
            ["updated_at"] = "2025-01-01T00:00:00Z",
        });
    }

    private static JsonObject Message(string message) =>
        new() { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest/actions/variables" };
}
