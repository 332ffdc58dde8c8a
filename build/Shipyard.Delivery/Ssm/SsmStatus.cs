namespace Shipyard.Delivery.Ssm;

/// <summary>What one GetCommandInvocation status means for the waiting loop.</summary>
internal enum SsmPhase
{
    /// <summary>Pending, InProgress, Delayed: keep waiting.</summary>
    Waiting,

    /// <summary>Success.</summary>
    Succeeded,

    /// <summary>Cancelled, TimedOut, Failed, Cancelling (and anything unknown): the command will not succeed.</summary>
    Failed,
}

/// <summary>The pure verdict over SSM's invocation statuses (FACTS.md).</summary>
internal static class SsmStatus
{
    /// <summary>Our own status when we stopped waiting at the deadline.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Our own status when SSM never registered the invocation within the grace period.</summary>
    public const string NeverRegistered = "InvocationDoesNotExist";

    public static SsmPhase Classify(string status) => status switch
    {
        "Pending" or "InProgress" or "Delayed" => SsmPhase.Waiting,
        "Success" => SsmPhase.Succeeded,
        // An unknown status is not success: failing loudly beats waiting for a word we do not understand.
        _ => SsmPhase.Failed,
    };
}
