using System.Text;

namespace Shipyard.Delivery.Workflows;

/// <summary>
/// Writes the YAML model in block style with two-space indentation: deterministic (keys in insertion order, one
/// quoting rule), so a generated file only changes when its content does.
/// </summary>
internal static class YamlEmitter
{
    public static string Write(YamlMap root, IEnumerable<string> headerComments)
    {
        var text = new StringBuilder();
        foreach (var line in headerComments) text.Append("# ").Append(line).Append('\n');
        WriteMap(text, root, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map.Entries)
        {
            text.Append(' ', indent).Append(key).Append(':');
            WriteValue(text, value, indent);
        }
    }

    /// <summary>Writes what follows <c>key:</c> or <c>-</c>.</summary>
    private static void WriteValue(StringBuilder text, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlMap { Entries.Count: 0 }: text.Append(" {}\n"); break;
            case YamlMap m: text.Append('\n'); WriteMap(text, m, indent + 2); break;
            case YamlSeq { Items.Count: 0 }: text.Append(" []\n"); break;
            case YamlSeq s: text.Append('\n'); WriteSeq(text, s, indent + 2); break;
            case YamlScalar { Block: true } b:
                text.Append(b.Value.EndsWith('\n') ? " |\n" : " |-\n");
                foreach (var line in b.Value.TrimEnd('\n').Split('\n'))
                    (line.Length == 0 ? text : text.Append(' ', indent + 2).Append(line)).Append('\n');
                break;
            case YamlScalar s: text.Append(' ').Append(Scalar(s)).Append('\n'); break;
        }
    }

    private static void WriteSeq(StringBuilder text, YamlSeq seq, int indent)
    {
        foreach (var item in seq.Items)
        {
            text.Append(' ', indent).Append('-');
            if (item is YamlMap { Entries.Count: > 0 } map)
            {
                // First entry on the dash line, the rest aligned under it.
                var (key, value) = map.Entries[0];
                text.Append(' ').Append(key).Append(':');
                WriteValue(text, value, indent + 2);
                var rest = new YamlMap();
                foreach (var (k, v) in map.Entries.Skip(1)) rest.Add(k, v);
                WriteMap(text, rest, indent + 2);
            }
            else WriteValue(text, item, indent);
        }
    }

    /// <summary>Plain when unambiguous, else single-quoted (double-quoted when the text has a single quote).</summary>
    internal static string Scalar(YamlScalar scalar)
    {
        var v = scalar.Value;
        if (scalar.Plain || IsPlainSafe(v)) return v;
        if (!v.Contains('\'')) return $"'{v}'";
        return "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~" };

    private static bool IsPlainSafe(string v) =>
        v.Length > 0 && v.Trim() == v && !Reserved.Contains(v) && !double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _)
        && "-?:,[]{}#&*!|>'\"%@`".IndexOf(v[0]) < 0 && !v.Contains(": ") && !v.Contains(" #") && !v.EndsWith(':')
        && !v.Contains('\n') && !v.Contains('\t');
}
