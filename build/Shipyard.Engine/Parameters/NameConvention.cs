using System.Text;

namespace Shipyard.Engine;

/// <summary>Turns member names into option names (<c>ImageTag</c> → <c>image-tag</c>) and normalises user spellings.</summary>
internal static class NameConvention
{
    public static string ToOption(string memberName)
    {
        var builder = new StringBuilder();
        var name = memberName.TrimStart('_');
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = char.IsUpper(c) && i > 0 &&
                (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary) builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary><c>image-tag</c> → <c>ImageTag</c>, the spelling of keys in <c>.nuke/parameters*.json</c>.</summary>
    public static string ToPascal(string optionName) =>
        string.Concat(optionName.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary><c>--imageTag</c>, <c>--IMAGE_TAG</c>, <c>IMAGE_TAG</c> and <c>image-tag</c> all normalise to <c>imagetag</c>.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.TrimStart('-'))
            if (c is not ('-' or '_')) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }
}
