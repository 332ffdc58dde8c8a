namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>A live object of a fake application with its health; <paramref name="TreeOnly"/> objects (Pods, ReplicaSets) appear only in the resource tree.</summary>
public sealed record FakeArgoResource(string Kind, string Name, string Health, string? Message = null, bool TreeOnly = false)
{
    /// <summary>The API group Argo CD reports for the kind.</summary>
    public string Group => Kind is "Deployment" or "ReplicaSet" or "StatefulSet" ? "apps" : Kind is "Job" ? "batch" : "";
}
