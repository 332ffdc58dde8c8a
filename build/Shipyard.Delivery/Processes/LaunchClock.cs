using System.Diagnostics;
using System.Globalization;

namespace Shipyard.Delivery.Processes;

/// <summary>
/// How long ago the run was launched, so its wall time is the one the user waited for: from the moment
/// <c>build.sh</c> started (it exports <see cref="Variable"/> as <c>&lt;pid&gt;:&lt;unix ms&gt;</c> and then
/// <c>exec</c>s the build, which keeps the pid), else from this process's start. A value whose pid is not this
/// process (inherited by a child build) is ignored.
/// </summary>
public static class LaunchClock
{
    /// <summary>The variable <c>build.sh</c> sets.</summary>
    public const string Variable = "SHIPYARD_LAUNCHED";

    private static readonly TimeSpan Sane = TimeSpan.FromMinutes(10);

    /// <summary>Time elapsed between the launch and <paramref name="now"/> (zero when unknown or not plausible).</summary>
    public static TimeSpan Elapsed(IReadOnlyDictionary<string, string> environment, DateTimeOffset now, int processId, DateTimeOffset? processStarted)
    {
        var launched = Launched(environment.GetValueOrDefault(Variable), processId) ?? processStarted;
        if (launched is not { } at) return TimeSpan.Zero;
        var elapsed = now - at;
        return elapsed > TimeSpan.Zero && elapsed < Sane ? elapsed : TimeSpan.Zero;
    }

    /// <summary>Time elapsed since this process (or build.sh before it) was launched.</summary>
    public static TimeSpan Elapsed(IReadOnlyDictionary<string, string> environment, TimeProvider time)
    {
        DateTimeOffset? started;
        try
        {
            using var self = Process.GetCurrentProcess();
            started = new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            started = null;
        }
        return Elapsed(environment, time.GetUtcNow(), Environment.ProcessId, started);
    }

    private static DateTimeOffset? Launched(string? value, int processId)
    {
        var parts = value?.Split(':');
        return parts is [var pid, var ms]
            && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p == processId
            && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs)
                ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
                : null;
    }
}
