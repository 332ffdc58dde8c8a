namespace Shipyard.Delivery.Provisioning;

/// <summary>What, besides the target names, decides what a run needs.</summary>
public sealed record PrerequisiteOptions
{
    /// <summary>Test runs the build's own tests (they need a registry, buildah, git over HTTP, linters, actionlint).</summary>
    public bool BuildTests { get; init; }

    /// <summary>Build and Push will use buildah: it was chosen, or no other builder is installed.</summary>
    public bool BuildahBuilds { get; init; }
}
