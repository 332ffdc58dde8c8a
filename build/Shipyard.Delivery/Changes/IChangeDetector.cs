using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <summary>Computes the affected set: selects the bases, diffs each distinct base against the head, applies the rules.</summary>
public interface IChangeDetector
{
    /// <summary>The affected set of <paramref name="catalog"/> (the head's catalog) for <paramref name="request"/>.</summary>
    Task<ChangeSet> DetectAsync(ChangeRequest request, IReadOnlyList<Service> catalog, CancellationToken cancellationToken);
}
