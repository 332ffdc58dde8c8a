namespace Shipyard.Engine;

/// <summary>Targets and parameters of one build instance, in declaration order.</summary>
internal sealed record BuildModel(
    IReadOnlyList<TargetNode> Targets,
    IReadOnlyList<ParameterDescriptor> Parameters,
    IReadOnlyList<string> DefaultTargets)
{
    public TargetNode? Find(string name) =>
        Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public TargetNode Get(string name) => Find(name) ?? throw new InvalidOperationException($"No target {name}.");
}
