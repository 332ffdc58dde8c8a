namespace Shipyard.Delivery.Images.Tags;

/// <summary>
/// The named tag schemes. Each rule lists the primary tag first (the one the builder pushes; the rest are added
/// through the registry API). A null entry means "not on this event".
/// </summary>
internal static class TagPresets
{
    public static readonly IReadOnlyDictionary<string, Func<TagInput, IEnumerable<string?>>> Rules =
        new Dictionary<string, Func<TagInput, IEnumerable<string?>>>(StringComparer.OrdinalIgnoreCase)
        {
            // <sha7> on every event: immutable, what GitOps deploys.
            ["sha"] = i => [i.Build.ShortSha],

            // v3.0.0, v3.0, v3, latest, sha-<sha7>, build-YYYYMMDD-HHMMSS, <branch>.
            ["semver"] = i => [.. i.VersionLadder("v"), i.IsLatest ? "latest" : null,
                $"sha-{i.Build.ShortSha}", $"build-{i.Timestamp}", i.Branch],

            // <branch>-<sha7>, <branch>, latest, v1.2.3.
            ["branch-sha"] = i => [i.Release is null ? null : $"v{i.Release.WithoutMetadata()}",
                i.Branch is null ? null : $"{OciTag.Sanitize(i.Branch, 120)}-{i.Build.ShortSha}", i.Branch,
                i.IsLatest ? "latest" : null],

            // full <sha> + latest.
            ["sha-latest"] = i => [i.Build.Sha, i.IsLatest ? "latest" : null],

            // docker/metadata-action defaults: type=semver {{version}}, {{major}}.{{minor}}, {{major}}; type=ref branch; type=sha.
            ["metadata-action"] = i => [.. i.VersionLadder(""), i.IsStableRelease ? "latest" : null,
                $"sha-{i.Build.ShortSha}", i.Release is null ? i.Branch : null],
        };
}
