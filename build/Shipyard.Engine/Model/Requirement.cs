namespace Shipyard.Engine;

/// <summary>
/// What a target needs before the plan starts: a parameter with a value (<see cref="Parameter"/> set) or a predicate.
/// </summary>
internal sealed record Requirement(Condition Condition, ParameterDescriptor? Parameter);
