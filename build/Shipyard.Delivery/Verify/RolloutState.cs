namespace Shipyard.Delivery.Verify;

/// <summary>The verdict of one observation of a rollout (<see cref="RolloutVerdict.Of"/>).</summary>
/// <param name="Phase">Waiting, Done or Failed.</param>
/// <param name="Message">kubectl's meaning in one line, e.g. <c>deployment "todo-api" exceeded its progress deadline</c>.</param>
/// <param name="Progress">Short progress text for progress lines and the summary, e.g. <c>2/3 updated, 1 old pending termination</c>.</param>
/// <param name="Pod">The failing pod of the new revision when the failure is pod-level; else null.</param>
/// <param name="RunningImage">The image of the catalog container in the workload's template, when known.</param>
public sealed record RolloutState(RolloutPhase Phase, string Message, string Progress, FailingPod? Pod = null, string? RunningImage = null)
{
    /// <summary>Waiting with a message.</summary>
    public static RolloutState Waiting(string message, string progress, string? runningImage = null) =>
        new(RolloutPhase.Waiting, message, progress, null, runningImage);

    /// <summary>Failed with a message.</summary>
    public static RolloutState Failed(string message, string progress, FailingPod? pod = null, string? runningImage = null) =>
        new(RolloutPhase.Failed, message, progress, pod, runningImage);
}
