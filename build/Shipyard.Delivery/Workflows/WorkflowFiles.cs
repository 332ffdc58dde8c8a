namespace Shipyard.Delivery.Workflows;

/// <summary>Writes generated workflows into a folder and tells which checked-in files are stale.</summary>
public static class WorkflowFiles
{
    /// <summary>
    /// Writes each workflow whose content differs (byte-exact, LF endings) and deletes generated files that are no
    /// longer generated (recognised by the header; hand-written workflows are never touched). Returns the files changed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, IReadOnlyList<GeneratedWorkflow> workflows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var changed = new List<string>();
        foreach (var w in workflows)
        {
            var path = Path.Combine(directory, w.FileName);
            if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == w.Content) continue;
            await File.WriteAllTextAsync(path, w.Content, cancellationToken);
            changed.Add(path);
        }
        foreach (var orphan in Orphans(directory, workflows))
        {
            File.Delete(orphan);
            changed.Add(orphan);
        }
        return changed;
    }

    /// <summary>Files that differ from what the generator writes: missing, different, or generated but no longer wanted.</summary>
    public static IReadOnlyList<string> Stale(string directory, IReadOnlyList<GeneratedWorkflow> workflows) =>
    [
        .. workflows.Where(w => !File.Exists(Path.Combine(directory, w.FileName)) || File.ReadAllText(Path.Combine(directory, w.FileName)) != w.Content)
            .Select(w => Path.Combine(directory, w.FileName)),
        .. Orphans(directory, workflows),
    ];

    private static IEnumerable<string> Orphans(string directory, IReadOnlyList<GeneratedWorkflow> workflows) =>
        !Directory.Exists(directory) ? [] :
        Directory.EnumerateFiles(directory, "*.yml")
            .Where(f => workflows.All(w => w.FileName != Path.GetFileName(f)))
            .Where(f => File.ReadLines(f).FirstOrDefault() == "# " + WorkflowGenerator.Header)
            .Order(StringComparer.Ordinal);
}
