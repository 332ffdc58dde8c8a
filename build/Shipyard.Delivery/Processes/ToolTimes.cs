namespace Shipyard.Delivery.Processes;

/// <summary>
/// The time a run spends inside external tools (dotnet, buildah, git, kubectl …), by program name. One instance is
/// shared by every <see cref="ProcessRunner"/> of a run; the runners record each command's interval here, and
/// <see cref="Summarize"/> turns them into the end-of-run line. Thread-safe: fan-out items run commands in parallel.
/// </summary>
public sealed class ToolTimes
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimeSpan _before;
    private readonly List<ToolInterval> _intervals = [];

    /// <summary>
    /// Starts the run's clock: the wall time of <see cref="Summarize"/> counts from <paramref name="elapsedBefore"/>
    /// ago (the launch, <see cref="LaunchClock"/>), or from now.
    /// </summary>
    public ToolTimes(TimeProvider time, TimeSpan elapsedBefore = default)
    {
        _time = time;
        _started = time.GetTimestamp();
        _before = elapsedBefore;
    }

    /// <summary>A timestamp for <see cref="Record"/> (taken just before the tool starts).</summary>
    public long Now() => _time.GetTimestamp();

    /// <summary>Records that <paramref name="tool"/> ran from <paramref name="startedAt"/> (a <see cref="Now"/> value) until now.</summary>
    public void Record(string tool, long startedAt)
    {
        var interval = new ToolInterval(tool, Offset(startedAt), Offset(_time.GetTimestamp()));
        lock (_intervals) _intervals.Add(interval);
    }

    /// <summary>Every recorded interval so far, as offsets from the start of the run.</summary>
    public IReadOnlyList<ToolInterval> Intervals
    {
        get { lock (_intervals) return [.. _intervals]; }
    }

    /// <summary>Wall time since the start of the run, and the time inside tools within it.</summary>
    public ToolTimeSummary Summarize() => ToolTimeSummary.Of(Intervals, Offset(_time.GetTimestamp()));

    /// <summary>
    /// The name a command is recorded under: the program's file name; for <c>sh -c "…"</c> the first program of the
    /// script (the service's <c>dotnet test</c> counts as dotnet, not as sh), past <c>nohup</c>, <c>env</c>,
    /// <c>exec</c>, <c>cd DIR</c> and <c>NAME=value</c> words.
    /// </summary>
    public static string NameOf(string fileName, IReadOnlyList<string> arguments)
    {
        var program = Path.GetFileName(fileName);
        if (program is not ("sh" or "bash") || arguments.Count < 2 || arguments[0] != "-c") return program;
        var skipNext = false;
        foreach (var word in arguments[1].Split([' ', '\t', '\n', ';', '&', '|', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (skipNext) { skipNext = false; continue; }
            if (word == "cd") { skipNext = true; continue; } // "cd dir && dotnet test": the folder is no program
            if (word is "nohup" or "env" or "exec" || word.Contains('=', StringComparison.Ordinal)) continue;
            return Path.GetFileName(word.Trim('\'', '"'));
        }
        return program;
    }

    private TimeSpan Offset(long timestamp) => _before + _time.GetElapsedTime(_started, timestamp);
}
