using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// Argo CD's health rules (gitops-engine) for the kinds the fake cluster runs. A Deployment is Degraded only past its
/// progress deadline: pods crash-looping leave it Progressing (their own health, Degraded, shows in the tree).
/// </summary>
public static class FakeArgoHealth
{
    // From best to worst, as Argo CD ranks them when it aggregates an application's health.
    private static readonly string[] Order = ["Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"];

    /// <summary>The worst of <paramref name="healths"/>; Healthy when there are none.</summary>
    public static string Worst(IEnumerable<string> healths) =>
        healths.MaxBy(h => Array.IndexOf(Order, h) is var i and >= 0 ? i : Order.Length) ?? "Healthy";

    /// <summary>A Deployment's health and message, from its spec and status.</summary>
    public static (string Health, string? Message) OfDeployment(JsonObject deployment)
    {
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        if (deployment["spec"]?["paused"]?.GetValue<bool>() == true) return ("Suspended", "Deployment is paused");
        var status = deployment["status"];
        var generation = deployment["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        if ((status?["observedGeneration"]?.GetValue<long>() ?? 0) < generation)
            return ("Progressing", "Waiting for rollout to finish: observed deployment generation less than desired generation");
        var conditions = status?["conditions"]?.AsArray().OfType<JsonObject>() ?? [];
        if (conditions.Any(c => c["type"]?.GetValue<string>() == "Progressing" && c["reason"]?.GetValue<string>() == "ProgressDeadlineExceeded"))
            return ("Degraded", $"Deployment \"{name}\" exceeded its progress deadline");
        int Count(string field) => status?[field]?.GetValue<int>() ?? 0;
        var (wanted, total, updated, available) = (deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1, Count("replicas"), Count("updatedReplicas"), Count("availableReplicas"));
        if (updated < wanted) return ("Progressing", $"Waiting for rollout to finish: {updated} out of {wanted} new replicas have been updated...");
        if (total > updated) return ("Progressing", $"Waiting for rollout to finish: {total - updated} old replicas are pending termination...");
        if (available < updated) return ("Progressing", $"Waiting for rollout to finish: {available} of {updated} updated replicas are available...");
        return ("Healthy", null);
    }

    /// <summary>A pod's health: Degraded while a container waits for a reason that is an error or a back-off.</summary>
    public static (string Health, string? Message) OfPod(JsonObject pod)
    {
        var statuses = pod["status"]?["containerStatuses"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        foreach (var waiting in statuses.Select(c => c["state"]?["waiting"]).OfType<JsonObject>())
            if (waiting["reason"]?.GetValue<string>() is { } reason && (reason.StartsWith("Err", StringComparison.Ordinal) || reason.EndsWith("Error", StringComparison.Ordinal) || reason.EndsWith("BackOff", StringComparison.Ordinal)))
                return ("Degraded", waiting["message"]?.GetValue<string>() ?? reason);
        return statuses.Count > 0 && statuses.All(c => c["ready"]?.GetValue<bool>() == true) ? ("Healthy", null) : ("Progressing", null);
    }
}
