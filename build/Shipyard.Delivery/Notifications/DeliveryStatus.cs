namespace Shipyard.Delivery.Notifications;

/// <summary>Where one service's delivery stands, as a notification shows it.</summary>
public enum DeliveryStatus
{
    /// <summary>The deploy has begun and not ended yet.</summary>
    Started,

    /// <summary>Built (and, with a strategy, deployed and verified) without a failure.</summary>
    Succeeded,

    /// <summary>A stage failed and nothing was rolled back (yet).</summary>
    Failed,

    /// <summary>A stage failed and the previous version was restored.</summary>
    RolledBack,

    /// <summary>A stage failed and restoring the previous version failed too: the environment needs a person.</summary>
    RollbackFailed,

    /// <summary>The run was cancelled (Ctrl-C, SIGTERM, a cancelled CI job) before the delivery ended.</summary>
    Cancelled,
}
