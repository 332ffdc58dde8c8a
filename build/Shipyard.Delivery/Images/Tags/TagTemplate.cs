using System.Text.RegularExpressions;
using Shipyard.Engine;

namespace Shipyard.Delivery.Images.Tags;

/// <summary>
/// One entry of a custom tag list, e.g. <c>{{sha7}}</c>, <c>{{branch}}-{{sha7}}</c>, <c>v{{major}}.{{minor}}</c>,
/// <c>latest</c>. A template whose placeholder has no value on this event yields no tag (like metadata-action):
/// <c>{{version}}</c> needs a release, <c>{{branch}}</c> a branch; prereleases get only templates without
/// <c>{{major}}</c>/<c>{{minor}}</c> ladders and never <c>latest</c>; a bare <c>{{major}}</c> of 0.x is dropped.
/// </summary>
internal static partial class TagTemplate
{
    public static readonly string[] Placeholders = ["sha", "sha7", "branch", "version", "major", "minor", "patch", "timestamp", "run"];

    /// <summary>Checks the placeholders once, when the scheme is read (a typo is a usage error, not a missing tag).</summary>
    public static void Check(string template, string source)
    {
        foreach (Match m in Placeholder().Matches(template))
            if (!Placeholders.Contains(m.Groups[1].Value))
                throw new UsageException(
                    $"Unknown placeholder '{UsageException.Escape(m.Value)}' in tag template '{UsageException.Escape(template)}' from {source}. Available: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}.");
        // Placeholder values are always tag-safe (a branch is sanitised), so the literal text alone decides: a ';' or a
        // leading '-' is invalid whatever the SHA, and is reported now rather than when the image is built.
        var skeleton = Placeholder().Replace(template, "0");
        if (template.Contains("{{", StringComparison.Ordinal) && !OciTag.IsValid(skeleton))
            throw new UsageException(
                $"Tag template '{UsageException.Escape(template)}' from {source} can never be a valid image tag: outside the placeholders use letters, digits, '_', '.' and '-' (first character not '.' or '-').");
    }

    public static string? Render(string template, TagInput input)
    {
        var names = Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();
        var release = input.Release;
        if (template == "latest") return release is { IsPrerelease: true } ? null : "latest";
        if (release is { IsPrerelease: true } && (names.Contains("major") || names.Contains("minor")) && !names.Contains("version"))
            return null;
        if (release is { Major.IsZero: true } && names.Contains("major") && !names.Contains("minor")) return null;

        string? missing = null;
        var text = Placeholder().Replace(template, m => Value(m.Groups[1].Value, input) ?? (missing = m.Value));
        return missing is null ? text : null;
    }

    private static string? Value(string name, TagInput i) => name switch
    {
        "sha" => i.Build.Sha,
        "sha7" => i.Build.ShortSha,
        "branch" => i.Branch,
        "version" => i.Release?.WithoutMetadata().ToString(),
        "major" => i.Release?.Major.ToString(),
        "minor" => i.Release?.Minor.ToString(),
        "patch" => i.Release?.Patch.ToString(),
        "timestamp" => i.Timestamp,
        "run" => i.Build.RunId,
        _ => null,
    };

    [GeneratedRegex(@"\{\{\s*([a-z0-9]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
