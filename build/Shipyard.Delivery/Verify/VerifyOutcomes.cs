using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>Builds outcomes and their one-line summaries the same way for every verifier.</summary>
internal static class VerifyOutcomes
{
    public static VerifyOutcome Success(string source, TimeSpan duration, RolloutSnapshot snapshot, VerifyRequest request, string? running) =>
        new(true, source, duration, $"{Ready(snapshot)} ready at {Short(request)} in {Seconds(duration)}", null, null, [], [], running);

    public static VerifyOutcome Failure(string source, TimeSpan duration, VerifyRequest request, string reason,
        FailingPod? pod = null, IReadOnlyList<string>? logTail = null, IReadOnlyList<string>? events = null, string? running = null) =>
        new(false, source, duration, $"{Short(request)} not verified after {Seconds(duration)}: {reason}", reason, pod, logTail ?? [], events ?? [], running);

    /// <summary>The reason at the deadline: the last thing waited for.</summary>
    public static string TimedOut(VerifyRequest request, RolloutState? last) =>
        $"not rolled out within {Seconds(request.Timeout)}: {last?.Message ?? "the workload was never observed"}" + (last is null ? "" : $" ({last.Progress})");

    /// <summary>The reason at the deadline when the API server was not answering then: the rollout could not be seen to finish.</summary>
    public static string Unreachable(VerifyRequest request, string trouble, RolloutState? last) =>
        $"not verified within {Seconds(request.Timeout)}: the API server stopped answering ({trouble}); " +
        (last is null ? "the workload was never observed" : $"last seen: {last.Message} ({last.Progress})");

    /// <summary>Events about the workload, its ReplicaSets and pods, oldest first, as <c>Warning BackOff pod/x: message</c>.</summary>
    public static IReadOnlyList<string> EventLines(RolloutSnapshot snapshot, int max = 10)
    {
        var names = new HashSet<string?>(StringComparer.Ordinal) { snapshot.Name };
        names.UnionWith(snapshot.ReplicaSets.Select(r => r.Metadata.Name));
        names.UnionWith(snapshot.Pods.Select(p => p.Metadata.Name));
        return [.. snapshot.Events.Where(e => names.Contains(e.InvolvedObject?.Name))
            .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp)
            .TakeLast(max)
            .Select(e => $"{e.Type} {e.Reason} {e.InvolvedObject.Kind?.ToLowerInvariant()}/{e.InvolvedObject.Name}: {e.Message?.ReplaceLineEndings(" ").Trim()}")];
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds < 60 ? $"{t.TotalSeconds:0}s" : $"{(int)t.TotalMinutes}m{t.Seconds:00}s";

    private static string Short(VerifyRequest request) => $"{request.Image.Repository[(request.Image.Repository.LastIndexOf('/') + 1)..]}:{request.Image.Tag}";

    private static string Ready(RolloutSnapshot snapshot) => snapshot.Workload switch
    {
        V1Deployment d => $"{d.Status?.AvailableReplicas ?? 0}/{d.Spec?.Replicas ?? 1}",
        V1StatefulSet s => $"{s.Status?.ReadyReplicas ?? 0}/{s.Spec?.Replicas ?? 1}",
        V1DaemonSet ds => $"{ds.Status?.NumberAvailable ?? 0}/{ds.Status?.DesiredNumberScheduled ?? 0}",
        _ => "?",
    };
}
