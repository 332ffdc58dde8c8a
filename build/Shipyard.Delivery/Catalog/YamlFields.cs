using Shipyard.Engine;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Catalog;

/// <summary>
/// Typed, validated reads from one YAML mapping of a <c>service.yaml</c>. Every error is a one-line
/// <see cref="UsageException"/> that starts with <c>file:line:</c>.
/// </summary>
internal sealed class YamlFields
{
    private readonly string _file;
    private readonly string _path;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);

    public YamlFields(string file, YamlMappingNode mapping, string path, IReadOnlyList<string> allowed)
    {
        _file = file;
        _path = path;
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } s } ? s : "";
            if (!allowed.Contains(name))
                throw Error(key, $"unknown key '{_path}{name}' (expected one of: {string.Join(", ", allowed)})");
            if (!_fields.TryAdd(name, (key, value)))
                throw Error(key, $"duplicate key '{_path}{name}'");
        }
    }

    /// <summary>The node of <paramref name="key"/> (for line numbers), or null when absent.</summary>
    public YamlNode? Node(string key) => _fields.TryGetValue(key, out var f) ? f.Value : null;

    /// <summary>A string value; null when absent or written as <c>~</c>/<c>null</c>.</summary>
    public string? String(string key)
    {
        if (!_fields.TryGetValue(key, out var f)) return null;
        if (f.Value is not YamlScalarNode scalar) throw Error(f.Value, $"'{_path}{key}' must be a string, not a {Describe(f.Value)}");
        return IsNull(scalar) ? null : scalar.Value;
    }

    /// <summary>A string that must be a DNS-1123 label.</summary>
    public string? Label(string key)
    {
        var value = String(key);
        if (value is not null && !CatalogNames.IsLabel(value))
            throw Error(Node(key)!, $"'{_path}{key}' is not a valid name: '{value}' ({CatalogNames.LabelRule})");
        return value;
    }

    /// <summary>A string that must be one of <paramref name="choices"/>.</summary>
    public string? Choice(string key, params string[] choices)
    {
        var value = String(key);
        if (value is not null && !choices.Contains(value))
            throw Error(Node(key)!, $"'{_path}{key}' must be one of: {string.Join(", ", choices)} (got '{value}')");
        return value;
    }

    /// <summary>A list of strings; empty when absent.</summary>
    public IReadOnlyList<string> Strings(string key)
    {
        if (!_fields.TryGetValue(key, out var f)) return [];
        if (f.Value is YamlScalarNode s && IsNull(s)) return [];
        if (f.Value is not YamlSequenceNode sequence) throw Error(f.Value, $"'{_path}{key}' must be a list of strings, not a {Describe(f.Value)}");
        return [.. sequence.Children.Select(item => item is YamlScalarNode { Value: { Length: > 0 } v } && !IsNull((YamlScalarNode)item)
            ? v
            : throw Error(item, $"'{_path}{key}' must be a list of strings; this item is not"))];
    }

    /// <summary>A nested mapping; null when absent.</summary>
    public YamlFields? Mapping(string key, IReadOnlyList<string> allowed)
    {
        if (!_fields.TryGetValue(key, out var f)) return null;
        if (f.Value is YamlScalarNode s && IsNull(s)) return null;
        if (f.Value is not YamlMappingNode mapping) throw Error(f.Value, $"'{_path}{key}' must be a mapping, not a {Describe(f.Value)}");
        return new YamlFields(_file, mapping, $"{_path}{key}.", allowed);
    }

    /// <summary>An error located at <paramref name="node"/>.</summary>
    public UsageException Error(YamlNode node, string message) => new($"{_file}:{node.Start.Line}: {message}");

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "string",
    };
}
