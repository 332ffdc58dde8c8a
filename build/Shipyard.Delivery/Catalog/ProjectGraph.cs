using System.Xml;

namespace Shipyard.Delivery.Catalog;

/// <summary>
/// What the catalog needs from a service's .NET projects, read with a plain XML reader (no MSBuild: this runs
/// on every build start): whether one is a test project, and which folders outside the service its
/// <c>ProjectReference</c>s reach, transitively.
/// </summary>
internal static class ProjectGraph
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", ".publish" };

    /// <summary>The project files under <paramref name="folder"/>, skipping build outputs and hidden folders.</summary>
    public static List<string> FindProjects(string folder)
    {
        var found = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            found.AddRange(Directory.EnumerateFiles(current, "*.csproj"));
            foreach (var child in Directory.EnumerateDirectories(current))
            {
                var name = Path.GetFileName(child);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name)) pending.Push(child);
            }
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Repo-relative folders of the projects referenced from <paramref name="projects"/>, directly or not, outside <paramref name="serviceFolder"/>.</summary>
    public static IReadOnlyList<string> ExternalDependencies(string rootDirectory, string serviceFolder, IEnumerable<string> projects)
    {
        var inside = Path.GetFullPath(serviceFolder) + Path.DirectorySeparatorChar;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(projects.Select(Path.GetFullPath));
        var external = new SortedSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var project = pending.Dequeue();
            if (!seen.Add(project) || !File.Exists(project)) continue;
            foreach (var reference in References(project))
            {
                if (!reference.StartsWith(inside, StringComparison.Ordinal))
                    external.Add(Path.GetRelativePath(rootDirectory, Path.GetDirectoryName(reference)!).Replace('\\', '/'));
                pending.Enqueue(reference);
            }
        }
        return [.. external];
    }

    /// <summary>True when the project declares itself a test project or references a test framework.</summary>
    public static bool IsTestProject(string project)
    {
        var text = File.ReadAllText(project);
        return text.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Include=\"xunit", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Include=\"NUnit", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Include=\"MSTest", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> References(string project)
    {
        var directory = Path.GetDirectoryName(project)!;
        var result = new List<string>();
        using var reader = XmlReader.Create(project, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true });
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "ProjectReference") continue;
                var include = reader.GetAttribute("Include");
                // MSBuild properties cannot be expanded without MSBuild; such references are left to `watch:`.
                if (string.IsNullOrWhiteSpace(include) || include.Contains("$(", StringComparison.Ordinal)) continue;
                foreach (var part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    result.Add(Path.GetFullPath(Path.Combine(directory, part.Replace('\\', '/'))));
            }
        }
        catch (XmlException)
        {
            // A broken project file is the compiler's to report, with its own location; the catalog just sees no references.
        }
        return result;
    }
}
