namespace Shipyard.Delivery.Provisioning;

/// <summary>The facts about this machine that decide whether prerequisites can be installed (tests substitute their own).</summary>
public interface IMachine
{
    /// <summary>The build runs as root, so apt-get may install packages.</summary>
    bool IsRoot { get; }

    /// <summary>The full path of <paramref name="program"/> on the search path, or null when it is not there.</summary>
    string? FindProgram(string program);

    /// <summary>
    /// A value that changes whenever packages are installed or removed (the dpkg database's modification time), or null
    /// where there is none. Part of the stamp's key, so removing a package is noticed on the next run.
    /// </summary>
    string? PackageDatabaseVersion();
}
