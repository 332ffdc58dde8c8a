using Shipyard.Delivery.Catalog;
using Shipyard.Engine;

namespace Shipyard.Delivery.Deploy;

/// <summary>The deploy strategies of a run, one per catalog strategy; each service is deployed by the one it names.</summary>
public sealed class DeployStrategies(IReadOnlyDictionary<DeployStrategy, Func<Service, IDeployStrategy>> strategies)
{
    /// <summary>The strategy <paramref name="service"/> names in its catalog entry.</summary>
    /// <exception cref="UsageException">This build has no implementation of that strategy.</exception>
    public IDeployStrategy For(Service service) =>
        strategies.TryGetValue(service.Strategy, out var create) ? create(service) : throw new UsageException(
            $"{service.Name}: deploy strategy '{Name(service.Strategy)}' is not available in this build (available: {string.Join(", ", strategies.Keys.Select(Name))})");

    /// <summary>Validates every deploy with its own strategy, all before anything runs.</summary>
    /// <exception cref="UsageException">The first bad input.</exception>
    public async Task ValidateAsync(IReadOnlyList<DeployRequest> deploys, CancellationToken cancellationToken)
    {
        foreach (var group in deploys.GroupBy(d => d.Service.Strategy))
            await For(group.First().Service).ValidateAsync([.. group], cancellationToken);
    }

    /// <summary>The catalog's spelling of a strategy (<c>gitops</c>, <c>ssm</c>).</summary>
    public static string Name(DeployStrategy strategy) => strategy.ToString().ToLowerInvariant();
}
