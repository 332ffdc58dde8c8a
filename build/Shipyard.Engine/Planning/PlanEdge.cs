namespace Shipyard.Engine;

/// <summary>Why <see cref="From"/> runs before <see cref="To"/> in a plan.</summary>
internal enum PlanEdgeKind
{
    /// <summary>To depends on From (DependsOn / DependentFor).</summary>
    Dependency,

    /// <summary>From triggers To (Triggers / TriggeredBy).</summary>
    Trigger,

    /// <summary>Ordering only (Before / After).</summary>
    Order,
}

/// <summary>An edge between two planned targets: <see cref="From"/> runs first.</summary>
internal sealed record PlanEdge(string From, string To, PlanEdgeKind Kind);
