namespace Shipyard.Delivery.Verify;

/// <summary>The result of a verification. Verdict failures are outcomes, not exceptions.</summary>
/// <param name="Succeeded">Rolled out, ready, at the expected image, and healthy when a health URL is set.</param>
/// <param name="Source">Where the truth came from: <c>kubernetes</c> (the API watch), <c>polling</c> (snapshots, e.g. over SSM).</param>
/// <param name="Duration">How long the verification took.</param>
/// <param name="Summary">One line for the summary table, e.g. <c>3/3 ready at todo-api:abc1234 in 14s</c>.</param>
/// <param name="Reason">Why it failed; null on success.</param>
/// <param name="Pod">The failing pod and container when the failure is pod-level.</param>
/// <param name="LogTail">The failing container's last log lines (the previous instance's after a restart).</param>
/// <param name="Events">Recent events of the workload, its ReplicaSets and pods, oldest first.</param>
/// <param name="RunningImage">The image of the catalog container in the workload's template, when known.</param>
public sealed record VerifyOutcome(
    bool Succeeded,
    string Source,
    TimeSpan Duration,
    string Summary,
    string? Reason,
    FailingPod? Pod,
    IReadOnlyList<string> LogTail,
    IReadOnlyList<string> Events,
    string? RunningImage);
