namespace Shipyard.Delivery.Records;

/// <summary>How a stage of one service's delivery ended.</summary>
public enum StageStatus
{
    /// <summary>It did what it was for.</summary>
    Succeeded,

    /// <summary>It failed (a failed stage may still have changed something: see the deploy receipt).</summary>
    Failed,

    /// <summary>It did not apply (with the reason in the note).</summary>
    Skipped,
}
