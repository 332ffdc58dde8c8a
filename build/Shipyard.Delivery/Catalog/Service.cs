namespace Shipyard.Delivery.Catalog;

/// <summary>
/// One deployable service of the monorepo: a folder under <c>services/</c> with a Dockerfile, plus the
/// overrides of its optional <c>service.yaml</c>. Immutable; every path is relative to the repository root
/// and uses forward slashes.
/// </summary>
public sealed record Service
{
    /// <summary>DNS-1123 label; the folder name.</summary>
    public required string Name { get; init; }

    /// <summary>The service folder, e.g. <c>services/todo-api</c>.</summary>
    public required string Directory { get; init; }

    /// <summary>Image repository without registry, e.g. <c>todo-api</c> (the registry comes from <c>--registry</c>).</summary>
    public required string ImageRepository { get; init; }

    /// <summary>Path of the Dockerfile.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>Build context folder.</summary>
    public required string Context { get; init; }

    /// <summary>
    /// Shell command run in the service folder before the image build (e.g. <c>dotnet publish -o .publish</c>),
    /// so the Dockerfile copies a prepared output instead of needing an SDK base image; null when none.
    /// </summary>
    public string? PrepareCommand { get; init; }

    /// <summary>Shell command that runs the service's tests in its folder; null when it has none.</summary>
    public string? TestCommand { get; init; }

    /// <summary>How the service is deployed.</summary>
    public DeployStrategy Strategy { get; init; } = DeployStrategy.GitOps;

    /// <summary>Where the GitOps manifest of the service is and how to edit it.</summary>
    public required GitOpsManifest Manifest { get; init; }

    /// <summary>Where an SSM service's host is (<c>deploy.ssm</c>); empty for GitOps services.</summary>
    public SsmHost Ssm { get; init; } = new();

    /// <summary>The Kubernetes objects that Verify watches.</summary>
    public required KubernetesWorkload Workload { get; init; }

    /// <summary>Extra paths (folders or files) whose change rebuilds the service, beyond its own folder.</summary>
    public IReadOnlyList<string> WatchedPaths { get; init; } = [];

    /// <summary>
    /// The service's tag scheme (<c>tags:</c> in service.yaml): a preset name (<c>sha</c>, <c>semver</c>,
    /// <c>branch-sha</c>, <c>sha-latest</c>, <c>metadata-action</c>) or a comma-separated template list; null → the
    /// run's <c>--tag-scheme</c>, else <c>sha</c>.
    /// </summary>
    public string? TagScheme { get; init; }

    /// <summary>Repository-relative paths of shared code the service depends on (derived, e.g. from ProjectReferences).</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];
}
