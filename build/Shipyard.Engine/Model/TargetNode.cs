namespace Shipyard.Engine;

/// <summary>One target of the build with its edges resolved to names: what the planner, executor and help read.</summary>
internal sealed record TargetNode(string Name, int Index, string? Description, PlanNode Edges)
{
    public IReadOnlyList<Condition> StaticConditions { get; init; } = [];
    public IReadOnlyList<Condition> DynamicConditions { get; init; } = [];
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
    public IReadOnlyList<Func<TargetContext, Task>> Actions { get; init; } = [];
    public IReadOnlyList<FanOut> FanOuts { get; init; } = [];
    public bool ProceedAfterFailure { get; init; }
    public bool AssuredAfterFailure { get; init; }
    public bool Unlisted { get; init; }
}
