using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// The pure verdict over one snapshot: kubectl rollout status's rules for the kind (same waits, same terminal
/// errors), then what kubectl does not check — a paused Deployment, the catalog container's image in the template
/// against the deployed one, and pods of the new revision that will never become ready.
/// </summary>
public static class RolloutVerdict
{
    /// <summary>Judges one observation.</summary>
    public static RolloutState Of(RolloutSnapshot snapshot, ExpectedImage expected)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(expected);
        if (snapshot.Workload is null)
            return RolloutState.Waiting($"waiting for {KindName(snapshot)} to exist", "not found");
        var kubectl = snapshot.Workload switch
        {
            V1Deployment d => KubectlRolloutStatus.Deployment(d),
            V1StatefulSet s => KubectlRolloutStatus.StatefulSet(s),
            V1DaemonSet ds => KubectlRolloutStatus.DaemonSet(ds),
            _ => throw new ArgumentException($"unsupported workload {snapshot.Workload.GetType().Name}", nameof(snapshot)),
        };
        var running = TemplateImage(snapshot.Workload, expected.Container, out var containers);
        if (kubectl.Error is { } error) return RolloutState.Failed(error, kubectl.Progress, runningImage: running);
        if (snapshot.Workload is V1Deployment { Spec.Paused: true })
            return RolloutState.Failed($"deployment \"{snapshot.Name}\" is paused: the rollout cannot progress until it is resumed", kubectl.Progress, runningImage: running);
        if (containers.Count > 0 && running is null)
            return RolloutState.Failed($"{KindName(snapshot)} has no container \"{expected.Container}\" (containers: {string.Join(", ", containers)})", kubectl.Progress);
        if (!expected.Matches(running))
            // Not failed yet: the template may not have been applied (Argo CD polls). At the deadline this names both.
            return RolloutState.Waiting($"{KindName(snapshot)} container \"{expected.Container}\" runs {running ?? "no image"}, expected {expected}",
                kubectl.Progress, running);
        // Until the controller has observed the template, the newest revision's pods are not this rollout's.
        if (!Observed(snapshot.Workload)) return RolloutState.Waiting(kubectl.Message, kubectl.Progress, running);
        if (PodFailures.First(NewRevisionPods.Of(snapshot)) is { } pod)
            return RolloutState.Failed($"{KindName(snapshot)} cannot become ready: {pod}", kubectl.Progress, pod, running);
        return kubectl.Done
            ? new RolloutState(RolloutPhase.Done, kubectl.Message, kubectl.Progress, null, running)
            : RolloutState.Waiting(kubectl.Message, kubectl.Progress, running);
    }

    private static bool Observed(object workload) => workload switch
    {
        V1Deployment d => (d.Status?.ObservedGeneration ?? 0) >= (d.Metadata?.Generation ?? 0),
        V1StatefulSet s => (s.Status?.ObservedGeneration ?? 0) >= (s.Metadata?.Generation ?? 0),
        V1DaemonSet ds => (ds.Status?.ObservedGeneration ?? 0) >= (ds.Metadata?.Generation ?? 0),
        _ => true,
    };

    /// <summary>E.g. <c>deployment "todo-api"</c>.</summary>
    internal static string KindName(RolloutSnapshot snapshot) =>
        $"{snapshot.Kind.ToString().ToLowerInvariant()} \"{snapshot.Name ?? "?"}\"";

    private static string? TemplateImage(object workload, string container, out IReadOnlyList<string> names)
    {
        var template = workload switch
        {
            V1Deployment d => d.Spec?.Template,
            V1StatefulSet s => s.Spec?.Template,
            V1DaemonSet ds => ds.Spec?.Template,
            _ => null,
        };
        var all = template?.Spec?.Containers ?? [];
        names = [.. all.Select(c => c.Name)];
        return all.FirstOrDefault(c => c.Name == container)?.Image;
    }
}
