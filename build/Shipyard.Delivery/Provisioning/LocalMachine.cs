using System.Globalization;

namespace Shipyard.Delivery.Provisioning;

/// <summary>The real machine: root from the process's privileges, programs from the given PATH, dpkg's status file.</summary>
internal sealed class LocalMachine(string searchPath, string dpkgStatusFile) : IMachine
{
    public bool IsRoot => Environment.IsPrivilegedProcess;

    public string? FindProgram(string program) =>
        searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    public string? PackageDatabaseVersion() =>
        File.Exists(dpkgStatusFile)
            ? File.GetLastWriteTimeUtc(dpkgStatusFile).Ticks.ToString(CultureInfo.InvariantCulture)
            : null;
}
