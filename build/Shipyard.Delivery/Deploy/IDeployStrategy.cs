using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Deploy;

/// <summary>
/// How a service's new image reaches the cluster, and how that is undone. A service's catalog entry chooses one
/// (<c>deploy.strategy</c>); <see cref="DeployStrategies"/> holds one instance per strategy for a run. Deploy means
/// "the cluster has been told"; whether it runs the image is Verify's question.
/// </summary>
public interface IDeployStrategy
{
    /// <summary>The catalog's name of the strategy (<c>gitops</c>, <c>ssm</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Checks every input of the given deploys without changing anything (references, target reachable, manifests
    /// editable), so bad input stops the run before any stage has run.
    /// </summary>
    /// <exception cref="Shipyard.Engine.UsageException">The first bad input, in one line.</exception>
    Task ValidateAsync(IReadOnlyList<DeployRequest> deploys, CancellationToken cancellationToken);

    /// <summary>Tells the cluster to run the request's image.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">Bad input: nothing was changed.</exception>
    /// <exception cref="DeployFailedException">The deploy failed after changing something; it carries what changed.</exception>
    /// <exception cref="Shipyard.Engine.BuildFailedException">The deploy failed before changing anything.</exception>
    Task<DeployReceipt> DeployAsync(DeployRequest request, CancellationToken cancellationToken);

    /// <summary>The image the strategy's desired state names for <paramref name="service"/> now; null when it keeps none.</summary>
    Task<Images.ImageReference?> DeployedImageAsync(Service service, CancellationToken cancellationToken);

    /// <summary>
    /// What a rollback of <paramref name="service"/> would do: from this run's receipt when there is one, else from
    /// the strategy's own history; <paramref name="to"/> names a tag that must have been deployed before.
    /// </summary>
    /// <exception cref="Shipyard.Engine.UsageException"><paramref name="to"/> was never deployed, or there is nothing to roll back to.</exception>
    Task<RollbackRequest> PlanRollbackAsync(Service service, DeployReceipt? deployed, string? to, CancellationToken cancellationToken);

    /// <summary>
    /// Puts back <see cref="RollbackRequest.Target"/> with this strategy's own means, only while the cluster (or the
    /// desired state) still names <see cref="RollbackRequest.Bad"/>: a newer deploy is never overwritten.
    /// </summary>
    /// <exception cref="NewerDeployException">Something newer than the bad version is live; nothing was changed.</exception>
    Task<DeployReceipt> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken);
}
