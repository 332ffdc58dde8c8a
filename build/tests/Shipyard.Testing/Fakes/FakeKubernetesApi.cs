using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process Kubernetes API server on Kestrel that the official KubernetesClient drives: namespaced GET, LIST,
/// POST, PUT and DELETE under <c>/api/v1</c> and <c>/apis/{group}/{version}</c> for the registered resource types,
/// with the store's resourceVersion and conflict semantics. Leases are registered; Deployments, ReplicaSets, Pods
/// and Events are one <see cref="Serve"/> call away. Also: label and field selectors on LIST, WATCH
/// (<c>?watch=true&amp;resourceVersion=</c>, newline-delimited events, 410 Gone after <see cref="KubernetesObjectStore.Compact"/>),
/// pod logs, the discovery documents kubectl reads, an API-down switch, dropped watch connections, and 403 outside an
/// RBAC allow-list.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly Dictionary<(string ApiVersion, string Plural), KubernetesResourceType> _types = [];
    private readonly Dictionary<(string Ns, string Pod, string Container, bool Previous), string> _logs = [];
    private KestrelHost? _host;
    private int _requests;
    private readonly Dictionary<string, int> _openWatches = [];
    private volatile bool _down;
    private int _gone;
    private Action? _afterNextList;
    private volatile KubernetesRbac? _rbac;
    private CancellationTokenSource _dropWatches = new();

    private FakeKubernetesApi()
    {
        Serve(KubernetesResourceType.Lease);
        foreach (var type in KubernetesResourceType.Rollout) Serve(type);
    }

    /// <summary>The objects the server holds.</summary>
    public KubernetesObjectStore Store { get; } = new();

    /// <summary>The server's base address.</summary>
    public Uri Url => _host!.Url;

    /// <summary>How many requests were served.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var api = new FakeKubernetesApi();
        api._host = await KestrelHost.StartAsync(api.HandleAsync);
        return api;
    }

    /// <summary>Serves another resource type (call before the client uses it).</summary>
    public void Serve(KubernetesResourceType type)
    {
        lock (_types) _types[(type.ApiVersion, type.Plural)] = type;
    }

    /// <summary>While true every request is answered 503 and open watches are cut, as when the API server is down.</summary>
    public bool Down
    {
        get => _down;
        set
        {
            _down = value;
            if (value) DropWatches();
        }
    }

    /// <summary>Answers 403 to anything outside the allow-list; null (the default) allows everything.</summary>
    public KubernetesRbac? Rbac
    {
        get => _rbac;
        set => _rbac = value;
    }

    /// <summary>Run once right after the next LIST is answered (e.g. to compact the history before the client's watch).</summary>
    public Action? AfterNextList
    {
        get => _afterNextList;
        set => _afterNextList = value;
    }

    /// <summary>How many watches were answered 410 Gone.</summary>
    public int GoneCount => Volatile.Read(ref _gone);

    /// <summary>Aborts every open watch connection (clients see the connection drop mid-stream).</summary>
    public void DropWatches()
    {
        var old = Interlocked.Exchange(ref _dropWatches, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    /// <summary>Waits until at least <paramref name="count"/> watches of <paramref name="plural"/> are open (test set-up, not timing).</summary>
    public async Task WaitForWatchesAsync(string plural, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_openWatches)
                if (_openWatches.GetValueOrDefault(plural) >= count) return;
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Sets what <c>GET .../pods/{pod}/log?container=&amp;previous=</c> returns.</summary>
    public void SetLog(string ns, string pod, string container, string text, bool previous = false)
    {
        lock (_logs) _logs[(ns, pod, container, previous)] = text;
    }

    /// <summary>A new official client (its own HttpClient) pointed at this server.</summary>
    public IKubernetes CreateClient() => new Kubernetes(new KubernetesClientConfiguration { Host = Url.ToString() });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DropWatches();
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? "";
        if (_down)
        {
            await WriteAsync(context, new KubernetesResult(503, new JsonObject
            {
                ["kind"] = "Status",
                ["status"] = "Failure",
                ["reason"] = "ServiceUnavailable",
                ["code"] = 503,
                ["message"] = "the API server is down (fake)",
            }));
            return;
        }
        if (KubernetesDiscovery.For(path.Trim('/').Split('/'), ServedTypes()) is { } discovery)
        {
            await WriteAsync(context, new KubernetesResult(200, discovery));
            return;
        }
        if (!Route(path, out var route))
        {
            await WriteAsync(context, NotFound());
            return;
        }
        if (Denied(context.Request, route) is { } forbidden)
        {
            await WriteAsync(context, forbidden);
            return;
        }
        if (context.Request.Method == "GET" && route.Name is null && context.Request.Query["watch"] is ["true" or "1"])
        {
            await WatchAsync(context, route.Type, route.Ns);
            return;
        }
        await WriteAsync(context, route.Log ? ReadLog(context.Request, route.Ns, route.Name!) : await DispatchAsync(context.Request, route));
        if (context.Request.Method == "GET" && route.Name is null) Interlocked.Exchange(ref _afterNextList, null)?.Invoke();
    }

    private static KubernetesResult NotFound() => new(404, new JsonObject
    {
        ["kind"] = "Status",
        ["status"] = "Failure",
        ["reason"] = "NotFound",
        ["code"] = 404,
        ["message"] = "the server could not find the requested resource"
    });

    private static async Task WriteAsync(HttpContext context, KubernetesResult result)
    {
        context.Response.StatusCode = result.StatusCode;
        if (result.Body is JsonValue plain && plain.TryGetValue<string>(out var text))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(text); // pod logs are plain text
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.Body.ToJsonString());
    }

    private List<KubernetesResourceType> ServedTypes()
    {
        lock (_types) return [.. _types.Values];
    }

    private KubernetesResult? Denied(HttpRequest request, RouteMatch route)
    {
        if (_rbac is not { } rbac) return null;
        var verb = (request.Method, route.Name) switch
        {
            ("GET", null) => request.Query["watch"] is ["true" or "1"] ? "watch" : "list",
            ("GET", _) => "get",
            ("POST", _) => "create",
            ("PUT", _) => "update",
            ("PATCH", _) => "patch",
            ("DELETE", _) => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return rbac.Check(verb, route.Type.Group, route.Log ? "pods/log" : route.Type.Plural, route.Ns, route.Name);
    }

    private KubernetesResult ReadLog(HttpRequest request, string ns, string pod)
    {
        var container = request.Query["container"].ToString();
        var previous = request.Query["previous"] is ["true" or "1"];
        string? text;
        lock (_logs) _logs.TryGetValue((ns, pod, container, previous), out text);
        if (text is null)
            return KubernetesStatus.BadRequest(previous
                ? $"previous terminated container \"{container}\" in pod \"{pod}\" not found"
                : $"container \"{container}\" in pod \"{pod}\" is waiting to start");
        if (int.TryParse(request.Query["tailLines"], out var tail))
            text = string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(tail)) + "\n";
        return new KubernetesResult(200, JsonValue.Create(text));
    }

    // Newline-delimited watch events from the requested resourceVersion; 410 Gone (as an ERROR event) when it is compacted.
    private async Task WatchAsync(HttpContext context, KubernetesResourceType type, string ns)
    {
        var request = context.Request;
        var labels = request.Query["labelSelector"].ToString();
        var fields = request.Query["fieldSelector"].ToString();
        var from = long.TryParse(request.Query["resourceVersion"], out var v) && v > 0 ? v : Store.Revision;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (Store.IsTooOld(from))
        {
            Interlocked.Increment(ref _gone);
            var status = new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = $"too old resource version: {from} ({Store.Revision})",
                ["reason"] = "Expired",
                ["code"] = 410,
            };
            await context.Response.WriteAsync(new JsonObject { ["type"] = "ERROR", ["object"] = status }.ToJsonString() + "\n");
            return;
        }
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _dropWatches.Token);
        await context.Response.Body.FlushAsync(cut.Token);
        lock (_openWatches) _openWatches[type.Plural] = _openWatches.GetValueOrDefault(type.Plural) + 1;
        try
        {
            while (true)
            {
                var (events, next) = Store.ChangesAfter(type, ns, from);
                foreach (var e in events)
                {
                    from = e.Revision;
                    if (!Selectors.Matches(e.Object, labels, fields)) continue;
                    await context.Response.WriteAsync(new JsonObject { ["type"] = e.EventType, ["object"] = e.Object.DeepClone() }.ToJsonString() + "\n", cut.Token);
                }
                await context.Response.Body.FlushAsync(cut.Token);
                await next.WaitAsync(cut.Token);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Abort(); // a dropped connection, not a clean end of the stream
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_openWatches) _openWatches[type.Plural]--;
        }
    }

    private async Task<KubernetesResult> DispatchAsync(HttpRequest request, RouteMatch route)
    {
        var (type, ns, name, _) = route;
        return (request.Method, name) switch
        {
            ("GET", null) => Store.List(type, ns, request.Query["labelSelector"], request.Query["fieldSelector"]),
            ("GET", { } n) => Store.Get(type, ns, n),
            ("POST", null) => Store.Create(type, ns, await ReadObjectAsync(request)),
            ("PUT", { } n) => Store.Replace(type, ns, n, await ReadObjectAsync(request)),
            ("DELETE", { } n) => Store.Delete(type, ns, n, await ReadPreconditionAsync(request)),
            _ => new KubernetesResult(405, new JsonObject { ["kind"] = "Status", ["status"] = "Failure", ["reason"] = "MethodNotAllowed", ["code"] = 405 }),
        };
    }

    private readonly record struct RouteMatch(KubernetesResourceType Type, string Ns, string? Name, bool Log);

    private bool Route(string path, out RouteMatch route)
    {
        route = default;
        var s = path.Trim('/').Split('/');
        // /api/v1/namespaces/{ns}/{plural}[/{name}] or /apis/{group}/{version}/namespaces/{ns}/{plural}[/{name}]
        var (apiVersion, rest) = s switch
        {
            ["api", var v, .. var r] => (v, r),
            ["apis", var g, var v, .. var r] => ($"{g}/{v}", r),
            _ => ("", Array.Empty<string>()),
        };
        if (rest is not (["namespaces", _, _] or ["namespaces", _, _, _] or ["namespaces", _, "pods", _, "log"])) return false;
        KubernetesResourceType? type;
        lock (_types) _types.TryGetValue((apiVersion, rest[2]), out type);
        if (type is null) return false;
        route = new RouteMatch(type, rest[1], rest.Length >= 4 ? rest[3] : null, rest.Length == 5);
        return true;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? [];

    private static async Task<string?> ReadPreconditionAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 or null && !request.Headers.TransferEncoding.Any()) return null;
        var body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body);
        return body?["preconditions"]?["resourceVersion"]?.GetValue<string>();
    }

    /// <summary>Writes a kubeconfig for <paramref name="server"/> (plain http, a dummy token) into a new temp folder.</summary>
    public static string WriteKubeconfig(Uri server, string ns = "todo")
    {
        var folder = Directory.CreateTempSubdirectory("kubectl-fake-").FullName;
        var file = Path.Combine(folder, "config");
        File.WriteAllText(file, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {server.ToString().TrimEnd('/')}
            users:
            - name: ci
              user:
                token: fake-token
            contexts:
            - name: fake
              context:
                cluster: fake
                user: ci
                namespace: {ns}
            current-context: fake
            """);
        return file;
    }
}
