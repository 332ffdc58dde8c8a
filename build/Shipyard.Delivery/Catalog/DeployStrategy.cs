namespace Shipyard.Delivery.Catalog;

/// <summary>How a service reaches the cluster.</summary>
public enum DeployStrategy
{
    /// <summary>Commit the new image to a manifest in git; Argo CD syncs it.</summary>
    GitOps,

    /// <summary>Run the deploy script on the K3s host through AWS SSM.</summary>
    Ssm,
}
