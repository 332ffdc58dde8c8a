using System.Text;
using System.Text.Json;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Registry;

/// <summary>
/// Reads registry credentials the way the docker CLI stores them in <c>config.json</c>: a per-registry
/// <c>credHelpers</c> entry or the global <c>credsStore</c> (asks <c>docker-credential-&lt;name&gt; get</c>, which
/// is also how ECR's <c>docker-credential-ecr-login</c> plugs in), else the base64 <c>auths.&lt;host&gt;.auth</c>.
/// </summary>
/// <param name="configPath">The config.json to read.</param>
/// <param name="runner">Runs credential helpers.</param>
/// <param name="addSecret">Registers each secret found, so logs mask it.</param>
/// <param name="helperDirectory">Folder holding the <c>docker-credential-*</c> programs; null → looked up on PATH.</param>
public sealed class DockerConfigCredentials(string configPath, ProcessRunner runner, Action<string> addSecret, string? helperDirectory = null)
{
    /// <summary>The credentials for <paramref name="server"/> (host[:port]); null when the file has none.</summary>
    public async Task<RegistryCredentials?> FindAsync(string server, CancellationToken cancellationToken)
    {
        if (!File.Exists(configPath)) return null;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(configPath, cancellationToken));
        var root = json.RootElement;
        if (root.TryGetProperty("credHelpers", out var helpers) && helpers.TryGetProperty(server, out var helper))
            return await FromHelperAsync(helper.GetString()!, server, cancellationToken);

        if (root.TryGetProperty("auths", out var auths))
            foreach (var entry in auths.EnumerateObject())
                if (Matches(entry.Name, server) && entry.Value.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
                {
                    var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    var colon = pair.IndexOf(':');
                    if (colon < 0) throw new UsageException($"The auth entry for {server} in {configPath} is not base64 of 'user:password'.");
                    addSecret(pair[(colon + 1)..]);
                    return new RegistryCredentials(pair[..colon], pair[(colon + 1)..]) { Source = configPath };
                }

        return root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } name
            ? await FromHelperAsync(name, server, cancellationToken)
            : null;
    }

    private async Task<RegistryCredentials?> FromHelperAsync(string helper, string server, CancellationToken cancellationToken)
    {
        var program = helperDirectory is null ? $"docker-credential-{helper}" : Path.Combine(helperDirectory, $"docker-credential-{helper}");
        var result = await runner.RunAsync(program, ["get"],
            new ProcessOptions { StandardInput = server, Check = false, Echo = true }, cancellationToken);
        if (result.ExitCode != 0)
        {
            // Helpers answer "credentials not found in native keychain" when they simply have nothing.
            if (result.StandardOutput.Contains("not found", StringComparison.OrdinalIgnoreCase)) return null;
            throw new BuildFailedException($"Credential helper {program} failed for {server} (exit {result.ExitCode}): run it by hand to see why.");
        }
        using var json = JsonDocument.Parse(result.StandardOutput);
        var user = json.RootElement.GetProperty("Username").GetString() ?? "";
        var secret = json.RootElement.GetProperty("Secret").GetString() ?? "";
        addSecret(secret);
        return new RegistryCredentials(user, secret) { Source = program };
    }

    private static bool Matches(string key, string server)
    {
        var host = key.Contains("://", StringComparison.Ordinal) ? new Uri(key).Authority : key.Split('/')[0];
        return string.Equals(host, server, StringComparison.OrdinalIgnoreCase)
            || (server == "docker.io" && host == "index.docker.io");
    }
}
