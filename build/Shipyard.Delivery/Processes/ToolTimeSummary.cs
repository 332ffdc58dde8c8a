using System.Globalization;

namespace Shipyard.Delivery.Processes;

/// <summary>
/// Where a run's wall time went: inside external tools, by tool, and in our own orchestration (the rest).
/// <para>
/// Fan-out runs tools in parallel (two services' <c>dotnet test</c> at once), so summing their durations would count
/// the same second twice and could exceed the wall time. Both figures are therefore the <b>union</b> of intervals:
/// a tool's time is the wall time during which at least one command of that tool ran, and the time in tools is the
/// wall time during which any tool ran. What remains — wall minus that union — is time when no external command was
/// running at all: the part of the critical path that is ours (planning, waiting between stages, in-process HTTP to
/// the registry, git plumbing done in-process, writing the summary). Per-tool figures can add up to more than the
/// time in tools when different tools overlap.
/// </para>
/// </summary>
public sealed record ToolTimeSummary(TimeSpan Wall, TimeSpan InTools, IReadOnlyList<KeyValuePair<string, TimeSpan>> ByTool)
{
    /// <summary>Wall time when no external tool was running: our own orchestration.</summary>
    public TimeSpan Own => Wall > InTools ? Wall - InTools : TimeSpan.Zero;

    /// <summary><see cref="Own"/> as a percentage of <see cref="Wall"/> (0 for an instant run).</summary>
    public double OwnPercent => Wall > TimeSpan.Zero ? 100.0 * Own.Ticks / Wall.Ticks : 0;

    /// <summary>The end-of-run line, e.g. <c>Time: 41.2 s wall; 39.8 s in tools (dotnet 30.1 s, buildah 6.0 s, git 2.2 s); own 1.4 s (3.4 %)</c>.</summary>
    public string Line
    {
        get
        {
            var tools = ByTool.Count == 0 ? "" : $" ({string.Join(", ", ByTool.Select(t => $"{t.Key} {Seconds(t.Value)}"))})";
            return $"Time: {Seconds(Wall)} wall; {Seconds(InTools)} in tools{tools}; own {Seconds(Own)} ({OwnPercent.ToString("0.0", CultureInfo.InvariantCulture)} %)";
        }
    }

    /// <summary>Summarizes <paramref name="intervals"/> over a run of <paramref name="wall"/> (intervals are clipped to it).</summary>
    public static ToolTimeSummary Of(IReadOnlyList<ToolInterval> intervals, TimeSpan wall)
    {
        var clipped = intervals
            .Select(i => i with { Start = Clamp(i.Start, wall), End = Clamp(i.End, wall) })
            .Where(i => i.End > i.Start)
            .ToList();
        var byTool = clipped.GroupBy(i => i.Tool, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, TimeSpan>(g.Key, Union(g)))
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        return new ToolTimeSummary(wall, Union(clipped), byTool);
    }

    /// <summary>Total length covered by the intervals, overlaps counted once.</summary>
    private static TimeSpan Union(IEnumerable<ToolInterval> intervals)
    {
        var total = TimeSpan.Zero;
        TimeSpan? start = null, end = null;
        foreach (var i in intervals.OrderBy(i => i.Start))
        {
            if (end is { } e && i.Start <= e)
            {
                if (i.End > e) end = i.End;
                continue;
            }
            if (start is { } s) total += end!.Value - s;
            (start, end) = (i.Start, i.End);
        }
        if (start is { } last) total += end!.Value - last;
        return total;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan wall) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > wall ? wall : value;

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
