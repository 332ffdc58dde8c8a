using k8s;
using k8s.Models;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// One consistent look at a workload and what belongs to it, as KubernetesClient model objects, so any source can
/// feed the verdict: the API watch, or <c>kubectl get -o json</c> on a remote host (<see cref="FromKubectlJson"/>).
/// </summary>
/// <param name="Kind">The workload kind.</param>
/// <param name="Workload">A <see cref="V1Deployment"/>, <see cref="V1StatefulSet"/> or <see cref="V1DaemonSet"/>; null when it does not exist.</param>
/// <param name="ReplicaSets">ReplicaSets of the Deployment (empty for the other kinds).</param>
/// <param name="ControllerRevisions">ControllerRevisions of a StatefulSet or DaemonSet (optional).</param>
/// <param name="Pods">Pods matching the workload's selector.</param>
/// <param name="Events">Recent events of the namespace (filtered to the workload and its pods when reported).</param>
public sealed record RolloutSnapshot(
    WorkloadKind Kind,
    IKubernetesObject<V1ObjectMeta>? Workload,
    IReadOnlyList<V1ReplicaSet> ReplicaSets,
    IReadOnlyList<V1ControllerRevision> ControllerRevisions,
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<Corev1Event> Events)
{
    /// <summary>
    /// Builds a snapshot from the output of <c>kubectl get &lt;kind&gt;/&lt;name&gt; -o json</c>, <c>kubectl get rs -l ... -o json</c>,
    /// <c>kubectl get pods -l ... -o json</c> and <c>kubectl get events -o json</c>. Empty or null text means "none"
    /// (a missing workload gives a null <see cref="Workload"/>).
    /// </summary>
    public static RolloutSnapshot FromKubectlJson(WorkloadKind kind, string? workloadJson, string? replicaSetsListJson, string? podsListJson, string? eventsListJson)
    {
        IKubernetesObject<V1ObjectMeta>? workload = string.IsNullOrWhiteSpace(workloadJson) ? null : kind switch
        {
            WorkloadKind.StatefulSet => KubernetesJson.Deserialize<V1StatefulSet>(workloadJson),
            WorkloadKind.DaemonSet => KubernetesJson.Deserialize<V1DaemonSet>(workloadJson),
            _ => KubernetesJson.Deserialize<V1Deployment>(workloadJson),
        };
        return new RolloutSnapshot(kind, workload,
            Items<V1ReplicaSetList, V1ReplicaSet>(replicaSetsListJson, l => l.Items),
            [],
            Items<V1PodList, V1Pod>(podsListJson, l => l.Items),
            Items<Corev1EventList, Corev1Event>(eventsListJson, l => l.Items));
    }

    /// <summary>The workload's name, or null.</summary>
    public string? Name => Workload?.Metadata?.Name;

    private static List<T> Items<TList, T>(string? json, Func<TList, IList<T>?> items) =>
        string.IsNullOrWhiteSpace(json) ? [] : [.. items(KubernetesJson.Deserialize<TList>(json)) ?? []];
}
