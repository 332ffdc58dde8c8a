using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <inheritdoc />
internal sealed class ChangeDetector(IRevisionGraph graph, IChangedPaths changedPaths, ChangeRules? rules = null) : IChangeDetector
{
    public async Task<ChangeSet> DetectAsync(ChangeRequest request, IReadOnlyList<Service> catalog, CancellationToken cancellationToken)
    {
        var selection = await new BaseSelector(graph).SelectAsync(request, catalog, cancellationToken);
        var calculator = new AffectedSetCalculator(catalog, rules);
        var services = calculator.Compute(selection.Services, baseSha => changedPaths.Between(baseSha, selection.Head));
        return new ChangeSet(selection.Head, selection.EventBase, services);
    }
}
