namespace Shipyard.Delivery.Ssm;

/// <summary>The cluster as <c>kubectl get -o json</c> printed it on the host: the verifier's raw snapshot.</summary>
/// <param name="Workload">The Deployment/StatefulSet/DaemonSet object.</param>
/// <param name="ReplicaSets">A <c>List</c> of the namespace's ReplicaSets matching the workload's selector.</param>
/// <param name="Pods">A <c>List</c> of the pods matching the workload's selector.</param>
/// <param name="Events">A <c>List</c> of the namespace's events.</param>
public sealed record SsmClusterJson(string Workload, string ReplicaSets, string Pods, string Events);
