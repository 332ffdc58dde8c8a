using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Shipyard.Delivery.GitOps;

/// <summary>Writes a string as a YAML scalar in a given style, so it reads back as the same string.</summary>
internal static partial class YamlScalars
{
    public static string Render(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'",
        ScalarStyle.DoubleQuoted => DoubleQuoted(value),
        _ => IsSafePlain(value) ? value : DoubleQuoted(value),
    };

    /// <summary>
    /// True when <paramref name="value"/> written unquoted reads back as that string under YAML 1.1 and 1.2
    /// (Go's yaml libraries, Helm, kustomize): a tag like <c>1234567</c>, <c>1e10</c> or <c>on</c> must be quoted,
    /// or Helm renders <c>1.234567e+06</c>.
    /// </summary>
    public static bool IsSafePlain(string value) =>
        value.Length > 0 && PlainChars().IsMatch(value) && !NonString().IsMatch(value);

    private static string DoubleQuoted(string value)
    {
        var b = new StringBuilder("\"");
        foreach (var c in value)
            b.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ => c.ToString() });
        return b.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.\-/:@+]*$")]
    private static partial Regex PlainChars();

    // Numbers (decimal, float, hex, octal, YAML 1.1 sexagesimal), booleans, nulls and timestamps.
    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$")]
    private static partial Regex NonString();
}
