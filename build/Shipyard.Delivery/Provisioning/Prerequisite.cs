namespace Shipyard.Delivery.Provisioning;

/// <summary>Something a target needs on the machine before it runs.</summary>
/// <param name="Kind">How it is checked and installed.</param>
/// <param name="Name">The Debian package, or the repository-relative folder holding <c>package-lock.json</c>.</param>
/// <param name="Marker">A package: the program that shows it is there where there is no dpkg (null: none). A folder:
/// the npm package whose <c>node_modules/&lt;marker&gt;</c> shows it is installed.</param>
public sealed record Prerequisite(PrerequisiteKind Kind, string Name, string? Marker)
{
    /// <summary>A Debian package, with the program it provides (for machines without dpkg).</summary>
    public static Prerequisite Apt(string package, string? program = null) => new(PrerequisiteKind.AptPackage, package, program ?? package);

    /// <summary>An npm tool folder (relative to the repository root) and the package that shows it is installed.</summary>
    public static Prerequisite Npm(string folder, string package) => new(PrerequisiteKind.NpmFolder, folder, package);

    /// <summary>What a user types to install it (package name, or <c>npm ci --prefix folder</c>).</summary>
    public override string ToString() => Kind == PrerequisiteKind.AptPackage ? Name : $"npm ci --prefix {Name}";
}
