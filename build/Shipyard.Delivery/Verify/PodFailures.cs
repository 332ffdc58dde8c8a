using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// Pod-level fail-fast, which kubectl lacks: a container stuck in a state that waiting does not fix, or restarting
/// in a loop after OOMKilled/Error. Init containers count too (a failing init container blocks the pod forever).
/// </summary>
internal static class PodFailures
{
    /// <summary>Waiting reasons that do not resolve by themselves.</summary>
    public static readonly string[] StuckReasons =
        ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "InvalidImageName"];

    /// <summary>Restarts after which an OOMKilled/Error termination counts as a loop.</summary>
    public const int RestartLoopThreshold = 2;

    public static FailingPod? First(IEnumerable<V1Pod> pods) =>
        pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(Of).FirstOrDefault(f => f is not null);

    public static FailingPod? Of(V1Pod pod)
    {
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        foreach (var c in statuses)
        {
            if (c.State?.Waiting is { Reason: { } reason } waiting && StuckReasons.Contains(reason))
                return new FailingPod(pod.Metadata.Name, c.Name, reason, OneLine(waiting.Message), c.RestartCount);
            if (c.RestartCount >= RestartLoopThreshold && c.LastState?.Terminated is { Reason: "OOMKilled" or "Error" } last)
                return new FailingPod(pod.Metadata.Name, c.Name, $"{last.Reason} restart loop", $"exit code {last.ExitCode}", c.RestartCount);
        }
        return null;
    }

    private static string? OneLine(string? text) => text?.ReplaceLineEndings(" ").Trim();
}
