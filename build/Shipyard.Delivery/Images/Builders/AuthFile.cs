using System.Text;
using System.Text.Json;
using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Images.Builders;

/// <summary>
/// A temporary docker-format <c>config.json</c> / containers <c>auth.json</c> holding one registry's credentials,
/// readable by the owner only and deleted on dispose: the builder reads the secret from it, so it never appears
/// on a command line or in the process list.
/// </summary>
internal sealed class AuthFile : IDisposable
{
    private AuthFile(string directory) => Directory = directory;

    /// <summary>The folder (for <c>docker --config</c>).</summary>
    public string Directory { get; }

    /// <summary>The file (for <c>--authfile</c>).</summary>
    public string Path => System.IO.Path.Combine(Directory, "config.json");

    public static AuthFile? Create(string server, RegistryCredentials? credentials)
    {
        if (credentials is null) return null;
        var file = new AuthFile(System.IO.Directory.CreateTempSubdirectory("shipyard-auth-").FullName);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file.Path, options))
            JsonSerializer.Serialize(stream, new { auths = new Dictionary<string, object> { [server] = new { auth } } });
        return file;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
