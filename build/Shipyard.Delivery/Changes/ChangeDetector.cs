using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <inheritdoc />
internal sealed class ChangeDetector(IRevisionGraph graph, IChangedPaths changedPaths, ChangeRules? rules = null) : IChangeDetector
{
    public async Task<ChangeSet> DetectAsync(ChangeRequest request, IReadOnlyList<Service> catalog, CancellationToken cancellationToken)
    {
        var selection = await new BaseSelector(graph).SelectAsync(request, catalog, cancellationToken);
        var calculator = new AffectedSetCalculator(catalog, rules);
        var diffs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var b in selection.Services)
            foreach (var sha in new[] { b.Source.Sha, b.Manifest.Sha })
                if (sha is not null && !diffs.ContainsKey(sha))
                    diffs[sha] = await changedPaths.BetweenAsync(sha, selection.Head, cancellationToken);
        var services = calculator.Compute(selection.Services, baseSha => diffs[baseSha]);
        return new ChangeSet(selection.Head, selection.EventBase, services);
    }
}
