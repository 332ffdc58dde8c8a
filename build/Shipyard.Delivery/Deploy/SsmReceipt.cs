namespace Shipyard.Delivery.Deploy;

/// <summary>What an SSM deploy ran: the host it ran on and the command that applied the manifests.</summary>
public sealed record SsmReceipt : DeployReceipt
{
    /// <inheritdoc/>
    public override string Strategy => "ssm";

    /// <summary>AWS region.</summary>
    public required string Region { get; init; }

    /// <summary>The EC2 instance (the K3s host).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The SSM command id.</summary>
    public required string CommandId { get; init; }

    /// <summary>The temporary bucket the bundle went through (deleted by the time the receipt exists).</summary>
    public string? Bucket { get; init; }

    /// <inheritdoc/>
    public override string? ChangeId => CommandId;
}
