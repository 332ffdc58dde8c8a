using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// The fake API server's storage: objects as JSON keyed by (apiVersion/kind, namespace, name), with the API server's
/// optimistic concurrency — one global resourceVersion counter, create fails if the object exists, an update or
/// delete carrying a stale resourceVersion fails with Conflict. Resource-specific behaviour (a Deployment's status
/// subresource, ReplicaSet ownership) can be layered on by the caller; the semantics here are the common ones.
/// </summary>
public sealed class KubernetesObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Type, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<WatchEvent> _history = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _revision;
    private long _compactedThrough;

    /// <summary>One change, as a watch sends it.</summary>
    public sealed record WatchEvent(long Revision, string Type, string Namespace, string EventType, JsonObject Object);

    /// <summary>The current resourceVersion of the store.</summary>
    public long Revision
    {
        get
        {
            lock (_gate) return _revision;
        }
    }

    /// <summary>Forgets the change history up to now, as etcd compaction does: watches from older versions get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedThrough = _revision;
            _history.Clear();
        }
    }

    /// <summary>True when <paramref name="revision"/> is older than the retained history (a watch from it gets 410).</summary>
    public bool IsTooOld(long revision)
    {
        lock (_gate) return revision < _compactedThrough;
    }

    /// <summary>Changes to one type in a namespace after <paramref name="revision"/>, oldest first, and a task that completes on the next change.</summary>
    public (IReadOnlyList<WatchEvent> Events, Task Next) ChangesAfter(KubernetesResourceType type, string ns, long revision)
    {
        lock (_gate)
            return ([.. _history.Where(e => e.Revision > revision && e.Type == TypeKey(type) && e.Namespace == ns)], _changed.Task);
    }

    /// <summary>Lists the objects of one type that match label and field selectors (equality terms only, as used here).</summary>
    public KubernetesResult List(KubernetesResourceType type, string ns, string? labelSelector, string? fieldSelector)
    {
        var result = List(type, ns);
        var items = (JsonArray)result.Body["items"]!;
        foreach (var item in items.ToArray())
            if (!Selectors.Matches(item!, labelSelector, fieldSelector)) items.Remove(item);
        return result;
    }

    private void Record(KubernetesResourceType type, string ns, string eventType, JsonObject stored)
    {
        _history.Add(new WatchEvent(_revision, TypeKey(type), ns, eventType, (JsonObject)stored.DeepClone()));
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    /// <summary>Reads one object.</summary>
    public KubernetesResult Get(KubernetesResourceType type, string ns, string name)
    {
        lock (_gate)
            return _objects.TryGetValue(Key(type, ns, name), out var found)
                ? new KubernetesResult(200, found.DeepClone())
                : KubernetesStatus.NotFound(type, name);
    }

    /// <summary>Lists the objects of one type in a namespace, as a <c>...List</c> object.</summary>
    public KubernetesResult List(KubernetesResourceType type, string ns)
    {
        lock (_gate)
        {
            var items = new JsonArray(_objects.Where(o => o.Key.Type == TypeKey(type) && o.Key.Namespace == ns)
                .OrderBy(o => o.Key.Name, StringComparer.Ordinal).Select(o => (JsonNode)o.Value.DeepClone()).ToArray());
            return new KubernetesResult(200, new JsonObject
            {
                ["apiVersion"] = type.ApiVersion,
                ["kind"] = type.Kind + "List",
                ["metadata"] = new JsonObject { ["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            });
        }
    }

    /// <summary>Creates an object; AlreadyExists (409) when one with its name exists.</summary>
    public KubernetesResult Create(KubernetesResourceType type, string ns, JsonObject body)
    {
        var name = body["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name)) return KubernetesStatus.Invalid(type, "", "metadata.name: Required value: name is required");
        lock (_gate)
        {
            if (_objects.ContainsKey(Key(type, ns, name))) return KubernetesStatus.AlreadyExists(type, name);
            var stored = Stamp(type, ns, body, existing: null);
            _objects[Key(type, ns, name)] = stored;
            Record(type, ns, "ADDED", stored);
            return new KubernetesResult(201, stored.DeepClone());
        }
    }

    /// <summary>
    /// Replaces an object. A non-empty <c>metadata.resourceVersion</c> must equal the stored one (else Conflict);
    /// an empty one is an unconditional update (or a create, as for Leases).
    /// </summary>
    public KubernetesResult Replace(KubernetesResourceType type, string ns, string name, JsonObject body)
    {
        if (body["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
            return KubernetesStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        var expected = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        lock (_gate)
        {
            _objects.TryGetValue(Key(type, ns, name), out var existing);
            if (existing is null && !string.IsNullOrEmpty(expected)) return KubernetesStatus.NotFound(type, name);
            if (existing is not null && !string.IsNullOrEmpty(expected) && expected != ResourceVersion(existing))
                return KubernetesStatus.Conflict(type, name,
                    "the object has been modified; please apply your changes to the latest version and try again");
            var stored = Stamp(type, ns, body, existing);
            _objects[Key(type, ns, name)] = stored;
            Record(type, ns, existing is null ? "ADDED" : "MODIFIED", stored);
            return new KubernetesResult(existing is null ? 201 : 200, stored.DeepClone());
        }
    }

    /// <summary>Deletes an object; a precondition resourceVersion that differs from the stored one is a Conflict.</summary>
    public KubernetesResult Delete(KubernetesResourceType type, string ns, string name, string? preconditionResourceVersion)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(Key(type, ns, name), out var existing)) return KubernetesStatus.NotFound(type, name);
            if (!string.IsNullOrEmpty(preconditionResourceVersion) && preconditionResourceVersion != ResourceVersion(existing))
                return KubernetesStatus.Conflict(type, name,
                    $"Precondition failed: ResourceVersion in precondition: {preconditionResourceVersion}, ResourceVersion in object meta: {ResourceVersion(existing)}");
            _objects.Remove(Key(type, ns, name));
            _revision++;
            var gone = (JsonObject)existing.DeepClone();
            gone["metadata"]!["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
            Record(type, ns, "DELETED", gone);
            return KubernetesStatus.Deleted(type, name, existing["metadata"]?["uid"]?.GetValue<string>());
        }
    }

    /// <summary>Writes an object as a test scenario's precondition (e.g. a lease left by a crashed run), bypassing checks.</summary>
    public JsonObject Seed(KubernetesResourceType type, string ns, JsonObject body)
    {
        var name = body["metadata"]!["name"]!.GetValue<string>();
        lock (_gate)
        {
            _objects.TryGetValue(Key(type, ns, name), out var existing);
            var stored = Stamp(type, ns, body, existing);
            _objects[Key(type, ns, name)] = stored;
            Record(type, ns, existing is null ? "ADDED" : "MODIFIED", stored);
            return (JsonObject)stored.DeepClone();
        }
    }

    private JsonObject Stamp(KubernetesResourceType type, string ns, JsonObject body, JsonObject? existing)
    {
        var stored = (JsonObject)body.DeepClone();
        stored["apiVersion"] = type.ApiVersion;
        stored["kind"] = type.Kind;
        var metadata = stored["metadata"] as JsonObject ?? [];
        stored["metadata"] = metadata;
        metadata["namespace"] = ns;
        metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
        metadata["uid"] = existing?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = existing?["metadata"]?["creationTimestamp"]?.DeepClone()
            ?? DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var generation = existing?["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        var specChanged = existing is null || !JsonNode.DeepEquals(existing["spec"], stored["spec"]);
        metadata["generation"] = specChanged ? generation + 1 : generation;
        return stored;
    }

    private static string? ResourceVersion(JsonObject o) => o["metadata"]?["resourceVersion"]?.GetValue<string>();

    private static string TypeKey(KubernetesResourceType type) => $"{type.ApiVersion}/{type.Kind}";

    private static (string, string, string) Key(KubernetesResourceType type, string ns, string name) => (TypeKey(type), ns, name);
}
