namespace Shipyard.Delivery.Changes;

/// <summary>
/// Repository-wide parts of the change rules: the files whose change affects every service. Service-specific
/// rules (own folder, watched paths, dependencies, manifest folder) come from the catalog.
/// </summary>
public sealed record ChangeRules
{
    /// <summary>
    /// Folders (ending in <c>/</c>) and files whose change rebuilds and redeploys every service, because they change
    /// how every image is built: the build itself, the SDK pin and the repository-wide MSBuild props.
    /// A <c>*</c> matches any characters within one file name (e.g. <c>Directory.*.props</c>).
    /// </summary>
    public IReadOnlyList<string> BuildWide { get; init; } =
        ["build/", ".nuke/", "global.json", "build.sh", "build.ps1", "Directory.*.props"];

    /// <summary>The default rules.</summary>
    public static ChangeRules Default { get; } = new();
}
