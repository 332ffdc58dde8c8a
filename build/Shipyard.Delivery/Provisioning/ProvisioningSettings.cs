namespace Shipyard.Delivery.Provisioning;

/// <summary>Where the repository is and where the "already checked" stamp is kept.</summary>
/// <param name="RootDirectory">The repository root (npm tool folders are relative to it).</param>
/// <param name="StampFile">The stamp file (e.g. <c>.nuke/temp/prerequisites.stamp</c>); null keeps no stamp, so every run checks.</param>
public sealed record ProvisioningSettings(string RootDirectory, string? StampFile);
