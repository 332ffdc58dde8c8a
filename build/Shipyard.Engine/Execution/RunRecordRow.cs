namespace Shipyard.Engine;

/// <summary>One row of the run record: a target, or one fan-out item of it.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Item">The fan-out item's name, or null for the target's own row.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">Wall time it ran (zero when it did not run).</param>
/// <param name="Note">The note column: the skip reason, the failure message, or what the target reported.</param>
/// <param name="Facts">Key facts it reported (digest, commit, revision ...), secrets masked.</param>
public sealed record RunRecordRow(
    string Target,
    string? Item,
    TargetStatus Status,
    TimeSpan Duration,
    string? Note,
    IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>"Test" or "Test (todo-api)".</summary>
    public string DisplayName => Item is null ? Target : $"{Target} ({Item})";
}
