namespace Shipyard.Delivery.Catalog;

/// <summary>Where an SSM service is deployed (<c>deploy.ssm</c> in service.yaml); unset values come from the run's settings.</summary>
public sealed record SsmHost
{
    /// <summary>AWS region of the host.</summary>
    public string? Region { get; init; }

    /// <summary>EC2 tag filter that finds the host, <c>Name=*k3s-master*</c> by default.</summary>
    public string? InstanceFilter { get; init; }

    /// <summary>Name prefix of the temporary buckets.</summary>
    public string? BucketPrefix { get; init; }

    /// <summary>The deploy script the host runs (repository-relative).</summary>
    public string? Script { get; init; }
}
