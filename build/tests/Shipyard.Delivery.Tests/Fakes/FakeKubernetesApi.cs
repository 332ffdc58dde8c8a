using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Http;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// An in-process Kubernetes API server on Kestrel that the official KubernetesClient drives: namespaced GET, LIST,
/// POST, PUT and DELETE under <c>/api/v1</c> and <c>/apis/{group}/{version}</c> for the registered resource types,
/// with the store's resourceVersion and conflict semantics. Leases are registered; Deployments, ReplicaSets, Pods
/// and Events are one <see cref="Serve"/> call away.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly Dictionary<(string ApiVersion, string Plural), KubernetesResourceType> _types = [];
    private KestrelHost? _host;
    private int _requests;

    private FakeKubernetesApi() => Serve(KubernetesResourceType.Lease);

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

    /// <summary>A new official client (its own HttpClient) pointed at this server.</summary>
    public IKubernetes CreateClient() => new Kubernetes(new KubernetesClientConfiguration { Host = Url.ToString() });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var result = Route(context.Request.Path.Value ?? "", out var route)
            ? await DispatchAsync(context.Request, route)
            : new KubernetesResult(404, new JsonObject
            {
                ["kind"] = "Status",
                ["status"] = "Failure",
                ["reason"] = "NotFound",
                ["code"] = 404,
                ["message"] = "the server could not find the requested resource"
            });
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.Body.ToJsonString());
    }

    private async Task<KubernetesResult> DispatchAsync(HttpRequest request, (KubernetesResourceType Type, string Ns, string? Name) route)
    {
        var (type, ns, name) = route;
        return (request.Method, name) switch
        {
            ("GET", null) => Store.List(type, ns),
            ("GET", { } n) => Store.Get(type, ns, n),
            ("POST", null) => Store.Create(type, ns, await ReadObjectAsync(request)),
            ("PUT", { } n) => Store.Replace(type, ns, n, await ReadObjectAsync(request)),
            ("DELETE", { } n) => Store.Delete(type, ns, n, await ReadPreconditionAsync(request)),
            _ => new KubernetesResult(405, new JsonObject { ["kind"] = "Status", ["status"] = "Failure", ["reason"] = "MethodNotAllowed", ["code"] = 405 }),
        };
    }

    private bool Route(string path, out (KubernetesResourceType Type, string Ns, string? Name) route)
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
        if (rest is not (["namespaces", _, _] or ["namespaces", _, _, _])) return false;
        KubernetesResourceType? type;
        lock (_types) _types.TryGetValue((apiVersion, rest[2]), out type);
        if (type is null) return false;
        route = (type, rest[1], rest.Length == 4 ? rest[3] : null);
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
}
