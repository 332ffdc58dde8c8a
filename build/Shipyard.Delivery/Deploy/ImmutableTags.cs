using System.Text.RegularExpressions;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Deploy;

/// <summary>
/// Which tags of a scheme name one build for good: those carrying the commit SHA (<c>abc1234</c>, <c>sha-abc1234</c>,
/// <c>main-abc1234</c>) and full release versions (<c>1.2.3</c>, <c>v1.2.3-rc.1</c>). <c>latest</c>, branch names and
/// <c>v1</c>/<c>v1.2</c> move from build to build, so a deploy never names them alone. Pure.
/// </summary>
public static partial class ImmutableTags
{
    /// <summary>The tag a deploy names: the first SHA-carrying tag, else the first full release version; null when none.</summary>
    public static string? Pick(IReadOnlyList<string> tags, BuildVersion version) =>
        tags.FirstOrDefault(t => CarriesSha(t, version)) ?? tags.FirstOrDefault(t => FullVersion().IsMatch(t));

    /// <summary>True when <paramref name="tag"/> names one build for good.</summary>
    public static bool IsImmutable(string tag, BuildVersion version) => CarriesSha(tag, version) || FullVersion().IsMatch(tag);

    private static bool CarriesSha(string tag, BuildVersion version) =>
        tag.Contains(version.ShortSha, StringComparison.OrdinalIgnoreCase) || tag.Contains(version.Sha, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FullVersion();
}
