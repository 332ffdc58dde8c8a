namespace Shipyard.Engine;

/// <summary>The targets to run, in order, and the edges that put them in that order.</summary>
internal sealed record ExecutionPlan(IReadOnlyList<string> Targets, IReadOnlyList<PlanEdge> Edges, IReadOnlyList<string> Requested)
{
    /// <summary>The target that pulled <paramref name="name"/> into the plan through a trigger, if any.</summary>
    public string? TriggeredBy(string name) =>
        Requested.Contains(name) ? null : Edges.FirstOrDefault(e => e.To == name && e.Kind == PlanEdgeKind.Trigger)?.From;
}
