using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Deploy;

/// <summary>How a service's new image reaches the cluster, and how that is undone. GitOps and SSM implement it.</summary>
public interface IDeployStrategy
{
    /// <summary>
    /// Checks every input of the given deploys without changing anything (tags, target reachable, manifests editable),
    /// so bad input stops the run before any stage has run.
    /// </summary>
    /// <exception cref="Shipyard.Engine.UsageException">The first bad input, in one line.</exception>
    Task ValidateAsync(IReadOnlyList<(Service Service, ImageReference Image)> deploys, CancellationToken cancellationToken);

    /// <summary>Deploys <paramref name="image"/> of <paramref name="service"/>, built from <paramref name="version"/>.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">Bad input (tag, manifest, repository): nothing was changed.</exception>
    /// <exception cref="Shipyard.Engine.BuildFailedException">The deploy failed; the message says what to do next.</exception>
    Task<DeployResult> DeployAsync(Service service, ImageReference image, BuildVersion version, CancellationToken cancellationToken);

    /// <summary>Puts back the version that <paramref name="deployed"/> replaced, with this strategy's own means.</summary>
    Task<DeployResult> RollbackAsync(Service service, DeployResult deployed, CancellationToken cancellationToken);
}
