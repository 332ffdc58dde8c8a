using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>An allow-list of (verb, API group, resource) like one RBAC Role; anything else is answered 403 as the API server does.</summary>
/// <param name="Rules">Allowed (verb, group, resource) triples; <c>pods/log</c> is a resource of its own.</param>
/// <param name="User">The user named in denials.</param>
public sealed record KubernetesRbac(IReadOnlySet<(string Verb, string Group, string Resource)> Rules, string User = "system:serviceaccount:ci:runner-deploy-verifier")
{
    /// <summary>Null when allowed; else the 403 Forbidden answer.</summary>
    public KubernetesResult? Check(string verb, string group, string resource, string ns, string? name)
    {
        if (Rules.Contains((verb, group, resource))) return null;
        var plural = resource.Split('/')[0];
        var qualified = group.Length == 0 ? plural : $"{plural}.{group}";
        var subject = name is null ? qualified : $"{qualified} \"{name}\"";
        var message = $"{subject} is forbidden: User \"{User}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" in the namespace \"{ns}\"";
        return new KubernetesResult(403, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "Forbidden",
            ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = plural },
            ["code"] = 403,
        });
    }
}
