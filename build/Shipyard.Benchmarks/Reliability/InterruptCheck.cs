using System.Globalization;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>
/// Whether this process ignores SIGINT. A shell without job control starts background commands (<c>cmd &amp;</c>) with
/// SIGINT ignored, and every child inherits that, so the SIGINT tests of the faults kind would fail for a reason that
/// is not the build's: the report warns before they run.
/// </summary>
internal static class InterruptCheck
{
    /// <summary>A warning when SIGINT is ignored here (read from <c>/proc/self/status</c>), else null.</summary>
    public static string? Warning() =>
        File.Exists("/proc/self/status") && IgnoresSigint(File.ReadAllText("/proc/self/status"))
            ? "warning: SIGINT is ignored in this process (started in the background by a shell without job control?), " +
              "so the SIGINT tests of the faults kind will fail; run ./build.sh Reliability in the foreground"
            : null;

    /// <summary>True when the <c>SigIgn:</c> mask of a <c>/proc/PID/status</c> text has SIGINT's bit (signal 2).</summary>
    public static bool IgnoresSigint(string status) =>
        status.Split('\n').FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
        && (mask & (1UL << 1)) != 0;
}
