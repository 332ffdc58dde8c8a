using System.Globalization;
using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// Which pods belong to the revision being rolled out, per kind: a Deployment's ReplicaSet with the highest
/// <c>deployment.kubernetes.io/revision</c> (its <c>pod-template-hash</c>); a StatefulSet's <c>status.updateRevision</c>;
/// a DaemonSet's newest ControllerRevision, else its <c>pod-template-generation</c>. Old pods failing do not fail a
/// rollout (they are going away); new ones failing do.
/// </summary>
internal static class NewRevisionPods
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public static IReadOnlyList<V1Pod> Of(RolloutSnapshot snapshot) => snapshot.Workload switch
    {
        V1Deployment d => WithLabel(snapshot.Pods, "pod-template-hash", Label(CurrentReplicaSet(d, snapshot.ReplicaSets)?.Metadata, "pod-template-hash")),
        V1StatefulSet s => WithLabel(snapshot.Pods, "controller-revision-hash", s.Status?.UpdateRevision),
        V1DaemonSet ds => DaemonSetPods(ds, snapshot),
        _ => [],
    };

    /// <summary>The ReplicaSet of the Deployment's newest revision (owned by it when owner references are present).</summary>
    public static V1ReplicaSet? NewestReplicaSet(V1Deployment deployment, IReadOnlyList<V1ReplicaSet> replicaSets) =>
        replicaSets.Where(rs => OwnedBy(rs.Metadata, deployment.Metadata))
            .MaxBy(rs => long.TryParse(Annotation(rs.Metadata, RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : -1);

    // Watches of different resources are not ordered: the Deployment's new status can arrive before its new ReplicaSet.
    // The newest ReplicaSet seen is this rollout's only when it runs the Deployment's template (its images); until then
    // there are no new pods to judge.
    private static V1ReplicaSet? CurrentReplicaSet(V1Deployment deployment, IReadOnlyList<V1ReplicaSet> replicaSets) =>
        NewestReplicaSet(deployment, replicaSets) is { } newest && Images(newest.Spec?.Template).SequenceEqual(Images(deployment.Spec?.Template)) ? newest : null;

    private static IEnumerable<string> Images(V1PodTemplateSpec? template) =>
        (template?.Spec?.Containers ?? []).Select(c => $"{c.Name}={c.Image}").Order(StringComparer.Ordinal);

    private static List<V1Pod> DaemonSetPods(V1DaemonSet ds, RolloutSnapshot snapshot)
    {
        var newest = snapshot.ControllerRevisions.Where(r => OwnedBy(r.Metadata, ds.Metadata)).MaxBy(r => r.Revision);
        if (newest is not null)
        {
            var hash = Label(newest.Metadata, "controller-revision-hash")
                ?? newest.Metadata.Name[(newest.Metadata.Name.LastIndexOf('-') + 1)..];
            return WithLabel(snapshot.Pods, "controller-revision-hash", hash);
        }
        return WithLabel(snapshot.Pods, "pod-template-generation", ds.Metadata.Generation?.ToString(CultureInfo.InvariantCulture));
    }

    private static string? Annotation(V1ObjectMeta meta, string key) =>
        meta.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    private static string? Label(V1ObjectMeta? meta, string key) =>
        meta?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private static bool OwnedBy(V1ObjectMeta child, V1ObjectMeta owner) =>
        child.OwnerReferences is not { Count: > 0 } refs || refs.Any(o => o.Uid == owner.Uid);

    private static List<V1Pod> WithLabel(IReadOnlyList<V1Pod> pods, string label, string? value) =>
        value is null ? [] : [.. pods.Where(p => Label(p.Metadata, label) == value)];
}
