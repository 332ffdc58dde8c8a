using System.Globalization;
using System.Text.Json;

namespace Shipyard.Delivery.Records;

/// <summary>
/// The folder of <see cref="SavedRun"/> files (one JSON file per run, the newest <see cref="Kept"/> kept). A file that
/// cannot be read (another version's, half written by a killed run) is passed over, never an error.
/// </summary>
public sealed class SavedRuns(string folder)
{
    /// <summary>How many runs are kept; older files are deleted when a run is saved.</summary>
    public const int Kept = 50;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The folder of a repository's runs: <c>.nuke/temp/runs</c>.</summary>
    public static SavedRuns Of(string rootDirectory) => new(Path.Combine(rootDirectory, ".nuke", "temp", "runs"));

    /// <summary>The folder.</summary>
    public string Folder => folder;

    /// <summary>Writes <paramref name="run"/> (to a temporary name first, so a reader never sees half a file) and prunes old runs.</summary>
    public void Save(SavedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{run.Finished.UtcDateTime:yyyyMMdd-HHmmss-fffffff}-{Environment.ProcessId}");
        var path = Path.Combine(folder, name + ".json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(run, Json));
        File.Move(path + ".tmp", path, overwrite: true);
        foreach (var old in Files().Skip(Kept)) File.Delete(old);
    }

    /// <summary>The newest run that <paramref name="matches"/>, or null when none was saved.</summary>
    public SavedRun? Newest(Func<SavedRun, bool> matches) =>
        Files().Select(Read).OfType<SavedRun>().Where(matches).MaxBy(r => r.Finished);

    // Newest first by name: names start with the UTC time.
    private IEnumerable<string> Files() => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*.json").OrderDescending(StringComparer.Ordinal).ToList()
        : [];

    private static SavedRun? Read(string path)
    {
        try
        {
            var run = JsonSerializer.Deserialize<SavedRun>(File.ReadAllText(path), Json);
            return run?.Targets is null || run.Time?.ByTool is null ? null : run;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
