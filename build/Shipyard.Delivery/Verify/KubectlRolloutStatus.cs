using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// kubectl's rollout-status rules (pkg/polymorphichelpers/rollout_status.go), one function per kind, in kubectl's
/// order and with kubectl's messages (without its trailing "..."). <c>Error</c> is set where kubectl stops with an
/// error; <c>Done</c> where it stops with success; otherwise kubectl keeps watching.
/// </summary>
internal static class KubectlRolloutStatus
{
    internal readonly record struct Result(string Message, bool Done, string? Error, string Progress);

    public static Result Deployment(V1Deployment d)
    {
        var name = d.Metadata.Name;
        var s = d.Status ?? new V1DeploymentStatus();
        var replicas = d.Spec?.Replicas;
        var progress = DeploymentProgress(d);
        if ((d.Metadata.Generation ?? 0) > (s.ObservedGeneration ?? 0))
            return new("Waiting for deployment spec update to be observed", false, null, progress);
        var condition = s.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (condition?.Reason == "ProgressDeadlineExceeded")
            return new("", false, $"deployment \"{name}\" exceeded its progress deadline", progress);
        var updated = s.UpdatedReplicas ?? 0;
        if (replicas is { } r && updated < r)
            return new($"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {r} new replicas have been updated", false, null, progress);
        if ((s.Replicas ?? 0) > updated)
            return new($"Waiting for deployment \"{name}\" rollout to finish: {s.Replicas - updated} old replicas are pending termination", false, null, progress);
        if ((s.AvailableReplicas ?? 0) < updated)
            return new($"Waiting for deployment \"{name}\" rollout to finish: {s.AvailableReplicas ?? 0} of {updated} updated replicas are available", false, null, progress);
        return new($"deployment \"{name}\" successfully rolled out", true, null, progress);
    }

    public static Result StatefulSet(V1StatefulSet sts)
    {
        var s = sts.Status ?? new V1StatefulSetStatus();
        var replicas = sts.Spec?.Replicas;
        var progress = $"{s.UpdatedReplicas ?? 0}/{replicas ?? 0} updated, {s.ReadyReplicas ?? 0}/{replicas ?? 0} ready";
        var strategy = sts.Spec?.UpdateStrategy;
        // As kubectl: anything but RollingUpdate (OnDelete; unset never happens, the API server defaults it) has no rollout status.
        if (strategy?.Type != "RollingUpdate")
            return new("", true, "rollout status is only available for RollingUpdate strategy type", progress);
        if ((s.ObservedGeneration ?? 0) == 0 || (sts.Metadata.Generation ?? 0) > s.ObservedGeneration)
            return new("Waiting for statefulset spec update to be observed", false, null, progress);
        if (replicas is { } r && (s.ReadyReplicas ?? 0) < r)
            return new($"Waiting for {r - (s.ReadyReplicas ?? 0)} pods to be ready", false, null, progress);
        if (strategy?.RollingUpdate is { } rolling)
        {
            if (replicas is { } total && rolling.Partition is { } partition && (s.UpdatedReplicas ?? 0) < total - partition)
                return new($"Waiting for partitioned roll out to finish: {s.UpdatedReplicas ?? 0} out of {total - partition} new pods have been updated", false, null, progress);
            return new($"partitioned roll out complete: {s.UpdatedReplicas ?? 0} new pods have been updated", true, null, progress);
        }
        if (s.UpdateRevision != s.CurrentRevision)
            return new($"waiting for statefulset rolling update to complete {s.UpdatedReplicas ?? 0} pods at revision {s.UpdateRevision}", false, null, progress);
        return new($"statefulset rolling update complete {s.CurrentReplicas ?? 0} pods at revision {s.CurrentRevision}", true, null, progress);
    }

    public static Result DaemonSet(V1DaemonSet ds)
    {
        var name = ds.Metadata.Name;
        var s = ds.Status ?? new V1DaemonSetStatus { DesiredNumberScheduled = 0, CurrentNumberScheduled = 0, NumberMisscheduled = 0, NumberReady = 0 };
        var desired = s.DesiredNumberScheduled;
        var progress = $"{s.UpdatedNumberScheduled ?? 0}/{desired} updated, {s.NumberAvailable ?? 0}/{desired} available";
        if (ds.Spec?.UpdateStrategy?.Type != "RollingUpdate")
            return new("", true, "rollout status is only available for RollingUpdate strategy type", progress);
        if ((ds.Metadata.Generation ?? 0) > (s.ObservedGeneration ?? 0))
            return new("Waiting for daemon set spec update to be observed", false, null, progress);
        if ((s.UpdatedNumberScheduled ?? 0) < desired)
            return new($"Waiting for daemon set \"{name}\" rollout to finish: {s.UpdatedNumberScheduled ?? 0} out of {desired} new pods have been updated", false, null, progress);
        if ((s.NumberAvailable ?? 0) < desired)
            return new($"Waiting for daemon set \"{name}\" rollout to finish: {s.NumberAvailable ?? 0} of {desired} updated pods are available", false, null, progress);
        return new($"daemon set \"{name}\" successfully rolled out", true, null, progress);
    }

    private static string DeploymentProgress(V1Deployment d)
    {
        var s = d.Status ?? new V1DeploymentStatus();
        var replicas = d.Spec?.Replicas ?? 1;
        var updated = s.UpdatedReplicas ?? 0;
        var old = Math.Max(0, (s.Replicas ?? 0) - updated);
        var text = $"{updated}/{replicas} updated";
        if (old > 0) text += $", {old} old pending termination";
        return text + $", {s.AvailableReplicas ?? 0}/{replicas} available";
    }
}
