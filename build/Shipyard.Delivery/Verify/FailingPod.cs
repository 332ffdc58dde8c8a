namespace Shipyard.Delivery.Verify;

/// <summary>A pod of the new revision that will not become ready by waiting.</summary>
/// <param name="Pod">Pod name.</param>
/// <param name="Container">Container name.</param>
/// <param name="Reason">E.g. <c>CrashLoopBackOff</c>, <c>ImagePullBackOff</c>, <c>OOMKilled restart loop</c>.</param>
/// <param name="Message">The kubelet's message, if any.</param>
/// <param name="RestartCount">Restarts of the container.</param>
public sealed record FailingPod(string Pod, string Container, string Reason, string? Message, int RestartCount)
{
    /// <summary>The previous instance's log holds the crash (the current one may not have started).</summary>
    public bool HasPreviousLog => RestartCount > 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"pod {Pod} container {Container}: {Reason}{(Message is { Length: > 0 } m ? $" ({m})" : "")}{(RestartCount > 0 ? $", {RestartCount} restarts" : "")}";
}
