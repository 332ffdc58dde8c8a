using System.Runtime;

/// <summary>
/// Multi-core JIT for warm runs: the runtime records which methods a run compiled (a profile per target list, next to
/// the build's binaries) and on the next such run compiles them on a background core before they are first called, so
/// the build's own start-up and each stage's first calls wait less for the JIT. A new build of the binaries makes the
/// old profile moot (the runtime ignores it); a folder that cannot be written only costs the speed-up. Only for runs
/// started by build.sh (tests start the build directly, many at once, and must not share a profile).
/// </summary>
static class StartupProfile
{
    public static void Start(string[] args)
    {
        var launched = Environment.GetEnvironmentVariable(Shipyard.Delivery.Processes.LaunchClock.Variable) ?? "";
        if (!launched.StartsWith($"{Environment.ProcessId}:", StringComparison.Ordinal) || args.Any(a => a is "--help" or "-h" or "--plan")) return;
        var targets = args.TakeWhile(a => !a.StartsWith('-')).Where(a => a.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')).Take(4);
        var name = string.Join("+", targets) is { Length: > 0 } joined ? joined : "default";
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "jit-profiles")).FullName;
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile($"{name}.profile");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only binaries: run without the profile.
        }
    }
}
