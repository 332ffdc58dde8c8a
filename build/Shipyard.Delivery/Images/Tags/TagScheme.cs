using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Images.Tags;

/// <summary>
/// Which tags an image gets: a named preset (<c>sha</c>, <c>semver</c>, <c>branch-sha</c>, <c>sha-latest</c>,
/// <c>metadata-action</c>) or a comma-separated list of templates (<c>{{sha7}},{{branch}},latest</c>).
/// The first tag of <see cref="TagsFor"/> is the primary one.
/// </summary>
public sealed class TagScheme
{
    /// <summary>The scheme used when neither the service nor the profile names one: the 7-character SHA.</summary>
    public const string DefaultName = "sha";

    private readonly Func<TagInput, IEnumerable<string?>> _rule;
    private readonly string _source;

    private TagScheme(string name, string source, Func<TagInput, IEnumerable<string?>> rule) =>
        (Name, _source, _rule) = (name, source, rule);

    /// <summary>The preset name, or the template list as written.</summary>
    public string Name { get; }

    /// <summary>The preset names, for help texts and error messages.</summary>
    public static IReadOnlyCollection<string> Presets => [.. TagPresets.Rules.Keys];

    /// <summary>Reads a scheme; <paramref name="source"/> names where it came from for error messages.</summary>
    /// <exception cref="UsageException">An unknown placeholder or a literal tag outside the OCI grammar.</exception>
    public static TagScheme Parse(string? text, string source)
    {
        text = string.IsNullOrWhiteSpace(text) ? DefaultName : text.Trim();
        if (TagPresets.Rules.TryGetValue(text, out var preset)) return new TagScheme(text.ToLowerInvariant(), source, preset);

        var templates = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var t in templates)
        {
            TagTemplate.Check(t, source);
            if (!t.Contains("{{", StringComparison.Ordinal)) OciTag.Validate(t, source);
        }
        // A lone word that is no preset is more likely a typo than a one-tag list.
        if (templates.Length == 1 && !templates[0].Contains("{{", StringComparison.Ordinal) && templates[0] != "latest")
            throw new UsageException($"Unknown tag scheme '{UsageException.Escape(text)}' in {source}. Presets: {string.Join(", ", Presets)}; or a comma-separated list of templates such as '{{{{sha7}}}},latest'.");
        return new TagScheme(text, source, i => templates.Select(t => TagTemplate.Render(t, i)));
    }

    /// <summary>
    /// The tags of <paramref name="service"/>'s image for <paramref name="build"/>, primary first, without duplicates.
    /// Release versions come from <c>&lt;service&gt;/vX.Y.Z</c> or <c>vX.Y.Z</c> tags at the head.
    /// </summary>
    /// <exception cref="UsageException">A rendered tag is outside the OCI grammar.</exception>
    public IReadOnlyList<string> TagsFor(BuildVersion build, string service)
    {
        var input = new TagInput(build, ReleaseTags.For(build, service));
        var tags = _rule(input).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(t => OciTag.Validate(t, $"tag scheme '{Name}' ({_source})")).ToList();
        return tags.Count > 0 ? tags : [build.ShortSha];
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
