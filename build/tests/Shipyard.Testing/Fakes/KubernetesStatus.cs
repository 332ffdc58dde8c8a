using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>The API server's <c>Status</c> objects, with the reasons and messages a real one sends.</summary>
public static class KubernetesStatus
{
    /// <summary>404 NotFound.</summary>
    public static KubernetesResult NotFound(KubernetesResourceType type, string name) =>
        Failure(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found", type, name);

    /// <summary>409 AlreadyExists (create of an existing name).</summary>
    public static KubernetesResult AlreadyExists(KubernetesResourceType type, string name) =>
        Failure(409, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", type, name);

    /// <summary>409 Conflict (stale resourceVersion).</summary>
    public static KubernetesResult Conflict(KubernetesResourceType type, string name, string why) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": {why}", type, name);

    /// <summary>422 Invalid.</summary>
    public static KubernetesResult Invalid(KubernetesResourceType type, string name, string why) =>
        Failure(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {why}", type, name);

    /// <summary>400 BadRequest.</summary>
    public static KubernetesResult BadRequest(string message) => Failure(400, "BadRequest", message, null, null);

    /// <summary>200 Success after a delete.</summary>
    public static KubernetesResult Deleted(KubernetesResourceType type, string name, string? uid) => new(200, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["uid"] = uid },
    });

    private static KubernetesResult Failure(int code, string reason, string message, KubernetesResourceType? type, string? name) =>
        new(code, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["details"] = type is null ? null : new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural },
            ["code"] = code,
        });
}
