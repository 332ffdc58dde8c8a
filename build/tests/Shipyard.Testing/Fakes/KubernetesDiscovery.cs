using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>The legacy discovery documents (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/{group}/{version}</c>) kubectl reads to map kinds to resources.</summary>
public static class KubernetesDiscovery
{
    /// <summary>The document for <paramref name="segments"/>, or null when the path is not a discovery path.</summary>
    public static JsonNode? For(string[] segments, IReadOnlyCollection<KubernetesResourceType> types) => segments switch
    {
        ["version"] => new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-fake", ["platform"] = "linux/amd64" },
        ["api"] => new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() },
        ["apis"] => new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray([.. types.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct().Select(g => (JsonNode)Group(g, types))]),
        },
        ["api", "v1"] => Resources("v1", types.Where(t => t.Group.Length == 0)),
        ["apis", var g, var v] when types.Any(t => t.Group == g && t.Version == v) => Resources($"{g}/{v}", types.Where(t => t.Group == g && t.Version == v)),
        _ => null,
    };

    private static JsonObject Group(string group, IEnumerable<KubernetesResourceType> types)
    {
        var version = types.First(t => t.Group == group).Version;
        var gv = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject { ["name"] = group, ["versions"] = new JsonArray(gv), ["preferredVersion"] = gv.DeepClone() };
    }

    private static JsonObject Resources(string groupVersion, IEnumerable<KubernetesResourceType> types)
    {
        var list = new JsonArray();
        foreach (var t in types)
        {
            list.Add(new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Kind.ToLowerInvariant(),
                ["namespaced"] = true,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray("create", "delete", "get", "list", "update", "watch"),
            });
            if (t.Plural == "pods")
                list.Add(new JsonObject { ["name"] = "pods/log", ["singularName"] = "", ["namespaced"] = true, ["kind"] = "Pod", ["verbs"] = new JsonArray("get") });
        }
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = list };
    }
}
