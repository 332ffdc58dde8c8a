namespace Shipyard.Delivery.Verify;

/// <summary>Where a rollout stands after one observation.</summary>
public enum RolloutPhase
{
    /// <summary>Not finished yet: keep watching until the deadline.</summary>
    Waiting,

    /// <summary>Rolled out, ready, at the expected image.</summary>
    Done,

    /// <summary>Will not finish by waiting (progress deadline, crash loop, image pull failure, deleted, paused, no rollout status).</summary>
    Failed,
}
