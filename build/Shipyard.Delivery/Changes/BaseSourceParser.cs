using Shipyard.Engine;

namespace Shipyard.Delivery.Changes;

/// <summary>Parses <c>--base-from</c>.</summary>
public static class BaseSourceParser
{
    /// <summary>The source named by <paramref name="value"/> (case-insensitive; empty means auto), or a one-line usage error.</summary>
    public static BaseSource Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => BaseSource.Auto,
        "event" => BaseSource.Event,
        "deployed" => BaseSource.Deployed,
        "all" => BaseSource.All,
        _ => throw new UsageException($"--base-from '{value}' is not one of: auto, event, deployed, all."),
    };
}
