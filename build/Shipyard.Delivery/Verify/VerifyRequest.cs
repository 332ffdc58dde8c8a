using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Verify;

/// <summary>What to verify: one workload, the image it must run, and how long to wait.</summary>
public sealed record VerifyRequest
{
    /// <summary>Namespace of the workload.</summary>
    public required string Namespace { get; init; }

    /// <summary>Deployment, StatefulSet or DaemonSet.</summary>
    public WorkloadKind Kind { get; init; } = WorkloadKind.Deployment;

    /// <summary>Workload name.</summary>
    public required string Name { get; init; }

    /// <summary>The container (catalog <c>deploy.container</c>) whose image is checked.</summary>
    public required string Container { get; init; }

    /// <summary>The deployed image (compared by digest when it has one).</summary>
    public required ImageReference Image { get; init; }

    /// <summary>Deadline for the whole verification, health check included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checked with GET after the rollout until it answers 2xx (catalog <c>deploy.healthUrl</c>); null skips it.</summary>
    public Uri? HealthUrl { get; init; }

    /// <summary>Where progress lines go.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>The expected image of the catalog container.</summary>
    public ExpectedImage Expected => new(Container, Image);
}
