namespace Shipyard.Delivery.Records;

/// <summary>What every stage entry of a delivery record has: status, when and how long, the note or error.</summary>
public abstract record StageEntry
{
    /// <summary>How the stage ended.</summary>
    public required StageStatus Status { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>One line: what it did, why it was skipped, or why it failed.</summary>
    public required string Note { get; init; }
}
