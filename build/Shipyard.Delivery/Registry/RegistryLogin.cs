using System.Diagnostics.CodeAnalysis;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Registry;

/// <summary>
/// Where Push gets registry credentials, first match wins: <c>--registry-username</c> + <c>--registry-password</c>;
/// the docker config file (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>) with its
/// <c>credHelpers</c>, <c>auths</c> and <c>credsStore</c>; otherwise anonymous.
/// For ECR: <c>--registry-username AWS --registry-password "$(aws ecr get-login-password)"</c>, or the
/// <c>ecr-login</c> credential helper in config.json.
/// </summary>
public static class RegistryLogin
{
    /// <summary>Resolves the credentials for <paramref name="server"/>; secrets found are registered for masking.</summary>
    public static async Task<RegistryCredentials?> ResolveAsync(
        string server, string? username, string? password, string? dockerConfigPath,
        ProcessRunner runner, Action<string> addSecret, CancellationToken cancellationToken)
    {
        if (ValidatePair(username, password))
        {
            return new RegistryCredentials(username, password) { Source = "--registry-username/--registry-password" };
        }
        return dockerConfigPath is null
            ? null
            : await new DockerConfigCredentials(dockerConfigPath, runner, addSecret).FindAsync(server, cancellationToken);
    }

    /// <summary>
    /// True when explicit credentials are given (both parts); false when neither is (the docker config applies).
    /// The validation phase calls it before the first target, so a password without a user name stops the run even
    /// when no image gets pushed.
    /// </summary>
    /// <exception cref="UsageException">Only one of the two is given.</exception>
    public static bool ValidatePair([NotNullWhen(true)] string? username, [NotNullWhen(true)] string? password)
    {
        if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password)) return false;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            throw new UsageException("--registry-username and --registry-password go together: pass both, or neither to use the docker config.");
        return true;
    }

    /// <summary>The docker config file path from <c>DOCKER_CONFIG</c> or <c>HOME</c>.</summary>
    public static string? DockerConfigPath(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("DOCKER_CONFIG", out var dir) && dir.Length > 0 ? Path.Combine(dir, "config.json")
        : environment.TryGetValue("HOME", out var home) && home.Length > 0 ? Path.Combine(home, ".docker", "config.json")
        : null;
}
