using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Images.Builders;

/// <summary>
/// A temporary <c>registries.conf</c> (the system one plus <c>insecure = true</c> entries) that lets
/// buildah/podman pull base images from the plain-HTTP loopback registries named in the image and build args,
/// without turning TLS verification off for every other registry.
/// </summary>
internal sealed class InsecureRegistries : IDisposable
{
    private const string SystemConf = "/etc/containers/registries.conf";

    private InsecureRegistries(string path) => Path = path;

    public string Path { get; }

    /// <summary>Null when none of <paramref name="references"/> points at a plain-HTTP registry.</summary>
    public static InsecureRegistries? Write(IEnumerable<string> references)
    {
        var servers = references.Where(r => r.Contains('/')).Select(r => r[..r.IndexOf('/')])
            .Where(s => s.Contains(':') || s == "localhost").Where(Registries.IsPlainHttp).Distinct().ToList();
        if (servers.Count == 0) return null;

        var system = File.Exists(SystemConf) ? File.ReadAllText(SystemConf) : "";
        var entries = servers.Where(s => !system.Contains($"\"{s}\"", StringComparison.Ordinal))
            .Select(s => $"\n[[registry]]\nlocation = \"{s}\"\ninsecure = true\n");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"shipyard-registries-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, system + string.Concat(entries));
        return new InsecureRegistries(path);
    }

    public void Dispose() => File.Delete(Path);
}
