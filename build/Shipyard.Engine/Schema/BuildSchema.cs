using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Shipyard.Engine;

/// <summary>
/// Renders <c>.nuke/build.schema.json</c>: the JSON schema of <c>parameters*.json</c> (one property per parameter,
/// Target and Skip as arrays of target names), so editors complete and check the parameter files.
/// </summary>
public static class BuildSchema
{
    /// <summary>The schema text for <paramref name="build"/>, without touching the file system.</summary>
    public static string Render(BuildBase build) => Render(ModelBuilder.Build(build, []));

    internal static string Render(BuildModel model)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-04/schema#");
            json.WriteString("title", "Build Schema");
            json.WriteString("$ref", "#/definitions/build");
            json.WriteStartObject("definitions");
            json.WriteStartObject("build");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            var targetNames = model.Targets.Where(t => !t.Unlisted).Select(t => t.Name).ToArray();
            var properties = new SortedDictionary<string, Action>(StringComparer.Ordinal)
            {
                ["$schema"] = () => json.WriteString("type", "string"),
                ["Help"] = () => Simple(json, "boolean", "Shows the help text"),
                ["NoLogo"] = () => Simple(json, "boolean", "Leaves out the start banner"),
                ["Plan"] = () => Simple(json, "boolean", "Prints the execution plan; runs nothing"),
                ["Parallelism"] = () => Simple(json, "integer", "How many fan-out items run at once"),
                ["Profile"] = () => Array(json, "Profiles to read (.nuke/parameters.<name>.json)", null),
                ["Root"] = () => Simple(json, "string", "Repository root"),
                ["Skip"] = () => Array(json, "Targets to skip; an empty list skips every target not named", targetNames),
                ["Target"] = () => Array(json, "Targets to run", targetNames),
            };
            foreach (var parameter in model.Parameters)
                properties[NameConvention.ToPascal(parameter.Name)] = () => Parameter(json, parameter);
            foreach (var (name, write) in properties)
            {
                json.WriteStartObject(name);
                write();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes the schema when it differs from the file (or <paramref name="force"/>); only where <c>.nuke/</c> exists.
    /// A stamp in <c>.nuke/temp</c> records the build's fingerprint and the file's size and time, so an unchanged
    /// build skips rendering altogether.
    /// </summary>
    internal static bool WriteIfChanged(BuildModel model, string nukeDirectory, string fingerprint, bool force)
    {
        if (!force && !Directory.Exists(nukeDirectory)) return false;
        var path = Path.Combine(nukeDirectory, "build.schema.json");
        var stampPath = Path.Combine(nukeDirectory, "temp", "schema.stamp");
        if (!force && File.Exists(stampPath) && File.ReadAllText(stampPath) == Stamp(path, fingerprint)) return false;

        var text = Render(model);
        var changed = !File.Exists(path) || File.ReadAllText(path) != text;
        if (changed)
        {
            Directory.CreateDirectory(nukeDirectory);
            File.WriteAllText(path, text);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(stampPath)!);
        File.WriteAllText(stampPath, Stamp(path, fingerprint));
        return changed;
    }

    private static string Stamp(string path, string fingerprint)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{fingerprint} {file.Length} {file.LastWriteTimeUtc.Ticks}" : "";
    }

    private static void Parameter(Utf8JsonWriter json, ParameterDescriptor parameter)
    {
        var description = parameter.IsSecret ? $"{parameter.Description} (secret)".TrimStart() : parameter.Description;
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (type.IsArray)
        {
            json.WriteString("type", "array");
            json.WriteString("description", description);
            json.WriteStartObject("items");
            Scalar(json, type.GetElementType()!);
            json.WriteEndObject();
            return;
        }
        Scalar(json, type);
        json.WriteString("description", description);
    }

    private static void Scalar(Utf8JsonWriter json, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        json.WriteString("type", t == typeof(bool) ? "boolean" : t == typeof(int) || t == typeof(long) ? "integer" : t == typeof(double) ? "number" : "string");
        if (!t.IsEnum) return;
        json.WriteStartArray("enum");
        foreach (var name in Enum.GetNames(t)) json.WriteStringValue(name);
        json.WriteEndArray();
    }

    private static void Simple(Utf8JsonWriter json, string type, string description)
    {
        json.WriteString("type", type);
        json.WriteString("description", description);
    }

    private static void Array(Utf8JsonWriter json, string description, string[]? values)
    {
        json.WriteString("type", "array");
        json.WriteString("description", description);
        json.WriteStartObject("items");
        json.WriteString("type", "string");
        if (values is not null)
        {
            json.WriteStartArray("enum");
            foreach (var value in values) json.WriteStringValue(value);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
