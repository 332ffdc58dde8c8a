using System.Globalization;
using Build.Tests.Deploy;

namespace Build.Tests.Reliability;

/// <summary>What an ended run may not leave behind in its world: lock refs, temporary folders, running processes.</summary>
internal static class Leftovers
{
    // Folders of the world itself (the bare GitOps remote, the run's HOME), not of a run; and runs/, where every run
    // saves its targets and times on purpose (Records/SavedRuns, read by the Reliability report).
    private static readonly string[] WorldFolders = ["remote.git", "home", "runs"];

    /// <summary>The deploy lock refs on the GitOps remote (<c>git ls-remote remote 'refs/locks/*'</c>).</summary>
    public static string LockRefs(DeployWorld world) => DeployWorld.Git(world.Root, "ls-remote", world.Remote, "refs/locks/*");

    /// <summary>Files and folders a run made under <c>.nuke/temp</c> and did not delete (GitOps clones, scratch repositories).</summary>
    public static IReadOnlyList<string> TempFolders(DeployWorld world)
    {
        var temp = Path.Combine(world.Root, ".nuke", "temp");
        if (!Directory.Exists(temp)) return [];
        return [.. Directory.EnumerateFileSystemEntries(temp, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(temp, p))
            .Where(p => !WorldFolders.Any(w => p == w || p.StartsWith(w + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Where(p => Directory.Exists(Path.Combine(temp, p)) ? Directory.EnumerateFileSystemEntries(Path.Combine(temp, p)).Any() : !p.EndsWith(".stamp", StringComparison.Ordinal))];
    }

    /// <summary>
    /// Processes (other than this test host's own children) whose command line names <paramref name="markers"/> or whose
    /// working folder is inside the world: children of the build that outlived it.
    /// </summary>
    public static IReadOnlyList<string> Processes(DeployWorld world, params string[] markers)
    {
        var self = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                if (commandLine.Length == 0 || ParentOf(dir) == self) continue;
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
                if (cwd.StartsWith(world.Root, StringComparison.Ordinal) || commandLine.Contains(world.Root, StringComparison.Ordinal)
                    || markers.Any(m => commandLine.Contains(m, StringComparison.Ordinal)))
                    found.Add($"{Path.GetFileName(dir)}: {commandLine}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    /// <summary>Waits (briefly) for processes killed with the build to be gone; returns those still there.</summary>
    public static async Task<IReadOnlyList<string>> ProcessesAfterAsync(DeployWorld world, params string[] markers)
    {
        for (var i = 0; ; i++)
        {
            var left = Processes(world, markers);
            if (left.Count == 0 || i == 50) return left;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static string ParentOf(string procDir) =>
        File.ReadAllLines(Path.Combine(procDir, "status")).FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal))?["PPid:".Length..].Trim() ?? "";
}
