using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Records;

/// <summary>The image built for the service.</summary>
public sealed record BuiltEntry : StageEntry
{
    /// <summary>The primary reference (no digest yet).</summary>
    public ImageReference? Image { get; init; }

    /// <summary>Every tag of the service's tag scheme, primary first.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The builder that built it (buildah, docker, podman).</summary>
    public string? Builder { get; init; }

    /// <summary>Which rule gave the release version (the CI event, a release tag on HEAD, or none).</summary>
    public string? VersionRule { get; init; }
}
