namespace Shipyard.Delivery.Workflows;

/// <summary>A node of the small YAML model the workflow generator builds (mapping, sequence or scalar).</summary>
internal abstract class YamlNode;

/// <summary>A mapping whose keys keep the order they were added in, so the output is stable.</summary>
internal sealed class YamlMap : YamlNode
{
    public List<KeyValuePair<string, YamlNode>> Entries { get; } = [];

    /// <summary>Adds an entry; a null value is left out (optional settings).</summary>
    public YamlMap Add(string key, YamlNode? value)
    {
        if (value is null) return this;
        if (Entries.Exists(e => e.Key == key)) throw new InvalidOperationException($"Duplicate key '{key}'.");
        Entries.Add(new(key, value));
        return this;
    }

    public YamlMap Add(string key, string value) => Add(key, new YamlScalar(value));

    public YamlMap Add(string key, bool value) => Add(key, YamlScalar.Bool(value));
}

/// <summary>A sequence.</summary>
internal sealed class YamlSeq(IEnumerable<YamlNode> items) : YamlNode
{
    public IReadOnlyList<YamlNode> Items { get; } = [.. items];

    public static YamlSeq Of(params string[] values) => new(values.Select(v => new YamlScalar(v)));
}

/// <summary>A scalar; <see cref="Plain"/> ones (booleans, numbers) are never quoted; <see cref="Block"/> ones are written as <c>|</c>.</summary>
internal sealed class YamlScalar(string value, bool plain = false, bool block = false) : YamlNode
{
    public string Value { get; } = value;

    public bool Plain { get; } = plain;

    public bool Block { get; } = block;

    public static YamlScalar Bool(bool value) => new(value ? "true" : "false", plain: true);

    public static YamlScalar Number(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), plain: true);

    /// <summary>A multi-line shell script, written as a literal block.</summary>
    public static YamlScalar Script(params string[] lines) => new(string.Join('\n', lines) + "\n", block: true);
}
