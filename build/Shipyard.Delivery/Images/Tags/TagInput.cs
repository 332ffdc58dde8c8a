using Semver;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Images.Tags;

/// <summary>What a tag rule sees: the build, the service's release version (if this is a release), the sanitised branch.</summary>
internal sealed record TagInput(BuildVersion Build, SemVersion? Release)
{
    public string? Branch { get; } = Build.Branch is null ? null : OciTag.Sanitize(Build.Branch);

    public bool IsStableRelease => Release is { IsPrerelease: false };

    /// <summary>
    /// <c>latest</c> follows docker/metadata-action: a stable release tag, or a push to the default branch; never a
    /// prerelease and never another branch.
    /// </summary>
    public bool IsLatest => Release is null ? Build.Branch == Build.DefaultBranch : IsStableRelease;

    public string Timestamp => Build.Timestamp.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>major.minor.patch[-pre], then major.minor and major for a stable release (no bare <c>0</c> for 0.x).</summary>
    public IEnumerable<string> VersionLadder(string prefix)
    {
        if (Release is null) yield break;
        yield return prefix + Release.WithoutMetadata();
        if (!IsStableRelease) yield break;
        yield return $"{prefix}{Release.Major}.{Release.Minor}";
        if (Release.Major > 0) yield return $"{prefix}{Release.Major}";
    }
}
