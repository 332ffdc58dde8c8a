using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Records;

/// <summary>
/// What a finished run leaves in <c>.nuke/temp/runs</c> for later reports (<c>./build.sh Reliability</c> reads the
/// orchestration overhead of the newest Deploy from it): the targets and how each ended, the exit code, and where the
/// time went. Names, statuses and durations only: nothing a secret could be in.
/// </summary>
/// <param name="Finished">When the run ended.</param>
/// <param name="Targets">Each target that was planned, and how it ended (Succeeded, Failed, Skipped, NotRun).</param>
/// <param name="ExitCode">The run's exit code.</param>
/// <param name="Time">The run's <c>Time:</c> line as figures.</param>
public sealed record SavedRun(DateTimeOffset Finished, IReadOnlyDictionary<string, string> Targets, int ExitCode, ToolTimeSummary Time)
{
    /// <summary>True when <paramref name="target"/> ran and succeeded in this run.</summary>
    public bool Succeeded(string target) => Targets.TryGetValue(target, out var status) && status == "Succeeded";
}
