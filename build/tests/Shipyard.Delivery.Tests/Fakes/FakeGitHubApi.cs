using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process GitHub REST API serving Actions repository variables
/// (<c>GET|PATCH /repos/{owner}/{repo}/actions/variables/{name}</c>, <c>POST .../variables</c>) with GitHub's status
/// codes and snake_case bodies, bearer tokens checked. <see cref="BeforeHandling"/> and <see cref="Handled"/> let a
/// test order concurrent requests to reproduce a race deterministically.
/// </summary>
public sealed class FakeGitHubApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Repo, string Name), JsonObject> _variables = new();
    private readonly Lock _gate = new();
    private KestrelHost? _host;

    /// <summary>Tokens the server accepts.</summary>
    public HashSet<string> Tokens { get; } = ["github-token"];

    /// <summary>Runs before a request touches the variables (may wait).</summary>
    public Func<GitHubCall, Task>? BeforeHandling { get; set; }

    /// <summary>Runs after a request read or wrote the variables, before the response is sent.</summary>
    public Action<GitHubCall>? Handled { get; set; }

    /// <summary>Runs after <see cref="Handled"/>, before the response is sent (may wait: holds a read's answer back).</summary>
    public Func<GitHubCall, Task>? AfterHandling { get; set; }

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
        var body = request.Method is "POST" or "PATCH" ? await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) : null;
        var call = new GitHubCall(request.Method, request.Path.Value ?? "", token, body?["value"]?.GetValue<string>());
        var (status, response) = Tokens.Contains(token) ? await RouteAsync(call, body) : (401, Message("Bad credentials"));
        context.Response.StatusCode = status;
        if (response is null) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private async Task<(int, JsonObject?)> RouteAsync(GitHubCall call, JsonObject? body)
    {
        if (BeforeHandling is { } before) await before(call);
        var s = call.Path.Trim('/').Split('/');
        (int, JsonObject?) result;
        lock (_gate)
        {
            result = (call.Method, s) switch
            {
                ("GET", ["repos", var o, var r, "actions", "variables", var n]) =>
                    _variables.TryGetValue(($"{o}/{r}", n), out var v) ? (200, (JsonObject)v.DeepClone()) : (404, Message("Not Found")),
                ("PATCH", ["repos", var o, var r, "actions", "variables", var n]) => Patch($"{o}/{r}", n, call.Value),
                ("POST", ["repos", var o, var r, "actions", "variables"]) => Create($"{o}/{r}", body?["name"]?.GetValue<string>() ?? "", call.Value),
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

    private static JsonObject Message(string message) =>
        new() { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest/actions/variables" };
}
