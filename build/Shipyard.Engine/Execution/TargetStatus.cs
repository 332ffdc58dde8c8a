namespace Shipyard.Engine;

/// <summary>How a target (or fan-out item) ended.</summary>
public enum TargetStatus
{
    /// <summary>Ran to the end without an exception.</summary>
    Succeeded,

    /// <summary>Threw, or one of its fan-out items did, or it was cancelled.</summary>
    Failed,

    /// <summary>Did not run on purpose: <c>--skip</c>, a false OnlyWhen condition, or <see cref="TargetContext.Skip"/>.</summary>
    Skipped,

    /// <summary>Planned but not run because an earlier target failed or the build was cancelled.</summary>
    NotRun,
}
