namespace Shipyard.Delivery.Provisioning;

/// <summary>Makes sure the prerequisites of a run are on the machine, installing what it can, before the first target runs.</summary>
public interface IProvisioner
{
    /// <summary>
    /// Checks <paramref name="needed"/> and installs what is missing (apt-get as root, npm ci). When something missing
    /// cannot be installed here, throws <see cref="Shipyard.Engine.BuildFailedException"/> with one line naming exactly
    /// what to install, before installing anything.
    /// </summary>
    Task<ProvisionResult> EnsureAsync(IReadOnlyList<Prerequisite> needed, CancellationToken cancellationToken);
}
