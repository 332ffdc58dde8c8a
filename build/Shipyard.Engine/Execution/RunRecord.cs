namespace Shipyard.Engine;

/// <summary>What a run did, row by row: the summary table, the GitHub step summary and notifiers are views of it.</summary>
public sealed record RunRecord(
    IReadOnlyList<RunRecordRow> Rows,
    IReadOnlyList<string> Plan,
    TimeSpan Duration,
    int ExitCode,
    bool Cancelled)
{
    /// <summary>True when every planned target succeeded or was skipped.</summary>
    public bool Succeeded => ExitCode == 0;
}
