using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Catalog;

/// <summary>
/// The overrides read from a <c>service.yaml</c>; null means "use the convention". Nodes are kept for the
/// keys whose value is checked against the file system later, so those errors carry a line too.
/// </summary>
internal sealed record ServiceSettings
{
    public static readonly ServiceSettings None = new();

    public string? Image { get; init; }
    public (string Value, YamlNode Node)? Dockerfile { get; init; }
    public (string Value, YamlNode Node)? Context { get; init; }
    public string? Prepare { get; init; }
    public bool HasTest { get; init; }
    public string? Test { get; init; }
    public IReadOnlyList<string> Watch { get; init; } = [];
    public string? Tags { get; init; }
    public DeployStrategy? Strategy { get; init; }
    public string? Namespace { get; init; }
    public WorkloadKind? WorkloadKind { get; init; }
    public string? Deployment { get; init; }
    public string? Container { get; init; }
    public string? HealthUrl { get; init; }
    public ManifestKind? ManifestKind { get; init; }
    public (string Value, YamlNode Node)? ManifestPath { get; init; }
    public string? ImageName { get; init; }
    public string? HelmRepositoryKey { get; init; }
    public string? HelmTagKey { get; init; }

    /// <summary><c>deploy.manifest.helmDigestKey</c>.</summary>
    public string? HelmDigestKey { get; init; }
    public string? Application { get; init; }

    /// <summary><c>deploy.ssm</c>.</summary>
    public SsmHost? Ssm { get; init; }
}
