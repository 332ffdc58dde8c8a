using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>The deploy command was sent but did not succeed; <see cref="Deployment"/> says which command ran where.</summary>
public sealed class SsmCommandFailedException(string message, SsmDeployment deployment, Exception? inner = null)
    : BuildFailedException(message, inner)
{
    /// <summary>The partial receipt: instance, command id, bucket, last status, output tail.</summary>
    public SsmDeployment Deployment { get; } = deployment;
}
