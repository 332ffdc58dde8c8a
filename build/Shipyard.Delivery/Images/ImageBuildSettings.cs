namespace Shipyard.Delivery.Images;

/// <summary>Run-wide inputs of Build that do not come from the catalog.</summary>
/// <param name="RootDirectory">Repository root; catalog paths are relative to it.</param>
/// <param name="Registry">Registry host[:port][/namespace], e.g. <c>127.0.0.1:5000</c> or <c>ghcr.io/acme</c>.</param>
public sealed record ImageBuildSettings(string RootDirectory, string Registry)
{
    /// <summary><c>--build-arg NAME=value</c> pairs.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>For <c>org.opencontainers.image.source</c> (e.g. <c>https://github.com/acme/todo</c>); null to omit.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The run's tag scheme (<c>--tag-scheme</c>); a service's own <c>tags:</c> wins over it.</summary>
    public string? TagScheme { get; init; }
}
