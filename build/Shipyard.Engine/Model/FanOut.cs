namespace Shipyard.Engine;

/// <summary>A per-item part of a target: the items are listed when the target starts, not when it is planned.</summary>
internal sealed record FanOut(Func<IReadOnlyList<FanOutItem>> Items);

/// <summary>One item of a fan-out, already bound to its value.</summary>
internal sealed record FanOutItem(string Name, Func<TargetContext, Task> Run);
