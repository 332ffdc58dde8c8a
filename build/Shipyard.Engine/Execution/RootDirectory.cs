namespace Shipyard.Engine;

/// <summary>
/// Finds the repository root: <c>--root</c>, else the nearest folder upwards from the working directory that holds
/// <c>.nuke/</c>, else (when <c>build.sh</c> is called from elsewhere) the same search from the build's own binaries.
/// </summary>
internal static class RootDirectory
{
    public static string Find(string? explicitRoot, string workingDirectory, string? fallbackStart = null)
    {
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot, workingDirectory);
            return Directory.Exists(full) ? full : throw new UsageException($"--root {explicitRoot}: no such directory.");
        }
        return Search(workingDirectory) ?? (fallbackStart is null ? null : Search(fallbackStart)) ?? workingDirectory;
    }

    private static string? Search(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke"))) return directory.FullName;
        return null;
    }
}
