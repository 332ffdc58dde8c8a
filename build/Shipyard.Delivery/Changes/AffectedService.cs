using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <summary>What a change means for one service: rebuild its image, redeploy it, and why.</summary>
/// <param name="Service">The catalog entry.</param>
/// <param name="Build">The image must be rebuilt (and pushed) because its sources or build inputs changed.</param>
/// <param name="Deploy">The service must be deployed (a rebuilt image, or only its GitOps manifest changed).</param>
/// <param name="Reasons">Human-readable causes, e.g. <c>services/todo-api (3 files)</c>; "unchanged" when neither flag is set.</param>
public sealed record AffectedService(Service Service, bool Build, bool Deploy, IReadOnlyList<string> Reasons)
{
    /// <summary>True when the service has anything to do.</summary>
    public bool IsAffected => Build || Deploy;
}
