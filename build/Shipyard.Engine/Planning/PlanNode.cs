namespace Shipyard.Engine;

/// <summary>A target as the planner sees it: its name and the names on each kind of edge.</summary>
internal sealed record PlanNode(string Name)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public IReadOnlyList<string> DependentFor { get; init; } = [];
    public IReadOnlyList<string> Before { get; init; } = [];
    public IReadOnlyList<string> After { get; init; } = [];
    public IReadOnlyList<string> Triggers { get; init; } = [];
    public IReadOnlyList<string> TriggeredBy { get; init; } = [];
}
