namespace Shipyard.Delivery.Provisioning;

/// <summary>How a prerequisite is checked and installed.</summary>
public enum PrerequisiteKind
{
    /// <summary>A Debian package: checked with dpkg-query (or its program on PATH off Debian), installed with apt-get.</summary>
    AptPackage,

    /// <summary>An npm tool folder of the repository: checked by its installed package folder, installed with <c>npm ci</c>.</summary>
    NpmFolder,
}
