using System.Text.Json;

namespace Shipyard.Engine;

/// <summary>
/// Parameter values below the command line, highest first: environment (<c>NUKE_IMAGE_TAG</c>, then <c>IMAGE_TAG</c>),
/// <c>.nuke/parameters.&lt;profile&gt;.json</c> (later profiles win) and <c>.nuke/parameters.json</c>.
/// </summary>
internal sealed class ParameterSources
{
    private readonly List<(string Origin, Dictionary<string, List<string>> Values)> _layers = [];

    public static ParameterSources Load(IReadOnlyDictionary<string, string> environment, string? nukeDirectory, IReadOnlyList<string> profiles)
    {
        var sources = new ParameterSources();
        sources._layers.Add(("environment", FromEnvironment(environment, prefixed: true)));
        sources._layers.Add(("environment", FromEnvironment(environment, prefixed: false)));
        foreach (var profile in profiles.Reverse())
        {
            var path = nukeDirectory is null ? null : Path.Combine(nukeDirectory, $"parameters.{profile}.json");
            if (path is null || !File.Exists(path))
                throw new UsageException($"Profile '{profile}' does not exist: no .nuke/parameters.{profile}.json. Available: {string.Join(", ", AvailableProfiles(nukeDirectory))}");
            sources._layers.Add(($"parameters.{profile}.json", FromFile(path)));
        }
        var defaults = nukeDirectory is null ? null : Path.Combine(nukeDirectory, "parameters.json");
        if (defaults is not null && File.Exists(defaults))
            sources._layers.Add(("parameters.json", FromFile(defaults)));
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

    private static Dictionary<string, List<string>> FromFile(string path)
    {
        var result = new Dictionary<string, List<string>>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$')) continue;
                result[NameConvention.Normalize(property.Name)] = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(Text)],
                    _ => [Text(property.Value)],
                };
            }
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not valid JSON: {e.Message}");
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
