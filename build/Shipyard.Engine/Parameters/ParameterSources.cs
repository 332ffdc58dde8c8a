using System.Text.Json;

namespace Shipyard.Engine;

/// <summary>
/// Parameter values below the command line, highest first: environment (<c>NUKE_IMAGE_TAG</c>, then <c>IMAGE_TAG</c>),
/// <c>.nuke/parameters.&lt;profile&gt;.json</c> (later profiles win) and <c>.nuke/parameters.json</c>.
/// </summary>
internal sealed class ParameterSources
{
    private readonly List<(string Origin, Dictionary<string, List<string>> Values)> _layers = [];

    // Keys as written in each parameter file (origin, path, spelling, normalised key), for the unknown-key check.
    private readonly List<(string Path, string Spelling, string Key)> _fileKeys = [];

    /// <summary>Keys a parameter file may hold besides the parameters: the engine's own entries read from files.</summary>
    private static readonly string[] FileBuiltIns = ["Target", "Skip"];

    public static ParameterSources Load(IReadOnlyDictionary<string, string> environment, string? nukeDirectory, IReadOnlyList<string> profiles)
    {
        var sources = new ParameterSources();
        sources._layers.Add(("environment", FromEnvironment(environment, prefixed: true)));
        sources._layers.Add(("environment", FromEnvironment(environment, prefixed: false)));
        foreach (var profile in profiles.Reverse())
        {
            // A profile names a file in .nuke/: a separator or '..' would reach outside it.
            if (profile.Length == 0 || profile.StartsWith('.') || profile.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                throw new UsageException($"Profile '{UsageException.Escape(profile)}' is not a profile name (letters, digits, '-', '_', '.'; not starting with '.'). Available: {string.Join(", ", AvailableProfiles(nukeDirectory))}");
            var path = nukeDirectory is null ? null : Path.Combine(nukeDirectory, $"parameters.{profile}.json");
            if (path is null || !File.Exists(path))
                throw new UsageException($"Profile '{profile}' does not exist: no .nuke/parameters.{profile}.json. Available: {string.Join(", ", AvailableProfiles(nukeDirectory))}");
            sources._layers.Add(($"parameters.{profile}.json", sources.FromFile(path)));
        }
        var defaults = nukeDirectory is null ? null : Path.Combine(nukeDirectory, "parameters.json");
        if (defaults is not null && File.Exists(defaults))
            sources._layers.Add(("parameters.json", sources.FromFile(defaults)));
        return sources;
    }

    /// <summary>The values for a normalised parameter name from the highest source that has it.</summary>
    public (IReadOnlyList<string> Values, string Origin)? Find(string key, bool includeEnvironment = true)
    {
        foreach (var (origin, values) in _layers)
        {
            if (!includeEnvironment && origin == "environment") continue;
            if (values.TryGetValue(key, out var found)) return (found, origin);
        }
        return null;
    }

    /// <summary>
    /// Rejects a key of a parameter file that names no parameter (a typo such as <c>UseSandboxx</c> would otherwise be
    /// ignored and the run go ahead with settings the user did not write). Keys starting with <c>$</c> are metadata.
    /// </summary>
    public void CheckFileKeys(IReadOnlyList<ParameterDescriptor> parameters)
    {
        var known = parameters.Select(p => p.Key).Concat(FileBuiltIns.Select(NameConvention.Normalize)).ToHashSet();
        foreach (var (path, spelling, key) in _fileKeys)
        {
            if (known.Contains(key)) continue;
            var names = parameters.Select(p => NameConvention.ToPascal(p.Name)).Concat(FileBuiltIns).ToList();
            var suggestion = NameSuggester.Closest(spelling, names);
            var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
            throw new UsageException(
                $"{path}: unknown key '{UsageException.Escape(spelling)}'.{hint} The keys are the parameters listed by --help (see .nuke/build.schema.json).");
        }
    }

    public static IEnumerable<string> AvailableProfiles(string? nukeDirectory) =>
        nukeDirectory is null || !Directory.Exists(nukeDirectory)
            ? []
            : Directory.EnumerateFiles(nukeDirectory, "parameters.*.json")
                .Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length])
                .Order(StringComparer.Ordinal);

    private static Dictionary<string, List<string>> FromEnvironment(IReadOnlyDictionary<string, string> environment, bool prefixed)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var (name, value) in environment)
        {
            var key = NameConvention.Normalize(name);
            if (prefixed && !key.StartsWith("nuke", StringComparison.Ordinal)) continue;
            result.TryAdd(prefixed ? key["nuke".Length..] : key, [value]);
        }
        return result;
    }

    private Dictionary<string, List<string>> FromFile(string path)
    {
        var shown = Path.Combine(".nuke", Path.GetFileName(path));
        var result = new Dictionary<string, List<string>>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{shown} must hold one JSON object of parameter names and values, not a {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$')) continue;
                _fileKeys.Add((shown, property.Name, NameConvention.Normalize(property.Name)));
                result[NameConvention.Normalize(property.Name)] = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(Text)],
                    _ => [Text(property.Value)],
                };
            }
        }
        catch (JsonException e)
        {
            // The parser's message can span lines; its position is what the user needs.
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            var what = e.Message.Split('\n')[0];
            foreach (var tail in new[] { " Path:", " LineNumber:" })
                if (what.IndexOf(tail, StringComparison.Ordinal) is > 0 and var cut) what = what[..cut];
            throw new UsageException($"{shown} is not valid JSON{where}: {what.Trim()}");
        }
        return result;
    }

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
