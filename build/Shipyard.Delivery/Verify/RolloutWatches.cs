using k8s;
using k8s.Models;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Verify;

/// <summary>The list-and-watch of each resource a rollout involves, bound to one namespace, as KubernetesClient calls.</summary>
internal static class RolloutWatches
{
    /// <summary>The workload itself, by <c>fieldSelector=metadata.name=</c> (as kubectl rollout status watches it).</summary>
    public static IResourceWatch Workload(IKubernetes k, VerifyRequest r, Action changed, TimeProvider time)
    {
        var field = $"metadata.name={r.Name}";
        var ns = r.Namespace;
        return r.Kind switch
        {
            WorkloadKind.StatefulSet => new ResourceWatch<V1StatefulSet, V1StatefulSetList>("statefulsets", "apps",
                c => k.AppsV1.ListNamespacedStatefulSetAsync(ns, fieldSelector: field, cancellationToken: c),
                (v, e, c) => k.AppsV1.WatchListNamespacedStatefulSetAsync(ns, allowWatchBookmarks: true, fieldSelector: field, resourceVersion: v, onError: e, cancellationToken: c),
                changed, time),
            WorkloadKind.DaemonSet => new ResourceWatch<V1DaemonSet, V1DaemonSetList>("daemonsets", "apps",
                c => k.AppsV1.ListNamespacedDaemonSetAsync(ns, fieldSelector: field, cancellationToken: c),
                (v, e, c) => k.AppsV1.WatchListNamespacedDaemonSetAsync(ns, allowWatchBookmarks: true, fieldSelector: field, resourceVersion: v, onError: e, cancellationToken: c),
                changed, time),
            _ => new ResourceWatch<V1Deployment, V1DeploymentList>("deployments", "apps",
                c => k.AppsV1.ListNamespacedDeploymentAsync(ns, fieldSelector: field, cancellationToken: c),
                (v, e, c) => k.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, fieldSelector: field, resourceVersion: v, onError: e, cancellationToken: c),
                changed, time),
        };
    }

    /// <summary>The Deployment's ReplicaSets (label selector of the workload).</summary>
    public static ResourceWatch<V1ReplicaSet, V1ReplicaSetList> ReplicaSets(IKubernetes k, string ns, string selector, Action changed, TimeProvider time) =>
        new("replicasets", "apps",
            c => k.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: selector, cancellationToken: c),
            (v, e, c) => k.AppsV1.WatchListNamespacedReplicaSetAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: v, onError: e, cancellationToken: c),
            changed, time);

    /// <summary>A StatefulSet's or DaemonSet's ControllerRevisions.</summary>
    public static ResourceWatch<V1ControllerRevision, V1ControllerRevisionList> ControllerRevisions(IKubernetes k, string ns, string selector, Action changed, TimeProvider time) =>
        new("controllerrevisions", "apps",
            c => k.AppsV1.ListNamespacedControllerRevisionAsync(ns, labelSelector: selector, cancellationToken: c),
            (v, e, c) => k.AppsV1.WatchListNamespacedControllerRevisionAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: v, onError: e, cancellationToken: c),
            changed, time);

    /// <summary>The workload's pods.</summary>
    public static ResourceWatch<V1Pod, V1PodList> Pods(IKubernetes k, string ns, string selector, Action changed, TimeProvider time) =>
        new("pods", "",
            c => k.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: c),
            (v, e, c) => k.CoreV1.WatchListNamespacedPodAsync(ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: v, onError: e, cancellationToken: c),
            changed, time);

    /// <summary><c>spec.selector.matchLabels</c> as a label selector, e.g. <c>app=todo-api</c>; null when there is none.</summary>
    public static string? Selector(IKubernetesObject<V1ObjectMeta> workload)
    {
        var selector = workload switch
        {
            V1Deployment d => d.Spec?.Selector,
            V1StatefulSet s => s.Spec?.Selector,
            V1DaemonSet ds => ds.Spec?.Selector,
            _ => null,
        };
        var labels = selector?.MatchLabels;
        return labels is not { Count: > 0 } ? null : string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
    }
}
