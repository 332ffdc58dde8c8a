using Semver;

namespace Shipyard.Delivery.Versioning;

/// <summary>
/// Release tag names: <c>&lt;service&gt;/v1.2.3</c> in a monorepo (one version line per service) and
/// <c>v1.2.3</c> for a repository with a single service. A plain <c>v1.2.3</c> releases every service.
/// </summary>
public static class ReleaseTags
{
    /// <summary>The tag name of <paramref name="version"/>; <paramref name="service"/> null for a single-service repository.</summary>
    public static string Name(string? service, SemVersion version) =>
        service is null ? $"v{version}" : $"{service}/v{version}";

    /// <summary>
    /// The version a tag releases for <paramref name="service"/>: <c>todo-api/v1.2.3</c> → 1.2.3 for todo-api only,
    /// <c>v1.2.3</c> (or <c>1.2.3</c>) → 1.2.3 for every service; anything else → null.
    /// </summary>
    public static SemVersion? VersionOf(string tag, string service)
    {
        var slash = tag.LastIndexOf('/');
        if (slash >= 0)
        {
            if (!string.Equals(tag[..slash], service, StringComparison.Ordinal)) return null;
            tag = tag[(slash + 1)..];
        }
        if (tag.StartsWith('v')) tag = tag[1..];
        return SemVersion.TryParse(tag, SemVersionStyles.Strict, out var version) ? version : null;
    }

    /// <summary>
    /// The release version of <paramref name="service"/> in this build: a service tag wins over a repository-wide
    /// one; among several, the highest. Null when the head is not a release of the service.
    /// </summary>
    public static SemVersion? For(BuildVersion build, string service)
    {
        var own = build.Tags.Where(t => t.StartsWith(service + "/", StringComparison.Ordinal))
            .Select(t => VersionOf(t, service)).OfType<SemVersion>().ToList();
        var candidates = own.Count > 0 ? own : build.Tags.Where(t => !t.Contains('/'))
            .Select(t => VersionOf(t, service)).OfType<SemVersion>().ToList();
        return candidates.OrderByDescending(v => v, SemVersion.PrecedenceComparer).FirstOrDefault();
    }
}
