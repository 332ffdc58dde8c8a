namespace Shipyard.Delivery.Processes;

/// <summary>One external command's run: which tool, from when to when (offsets from the start of the run).</summary>
public sealed record ToolInterval(string Tool, TimeSpan Start, TimeSpan End)
{
    /// <summary>How long it ran.</summary>
    public TimeSpan Duration => End - Start;
}
