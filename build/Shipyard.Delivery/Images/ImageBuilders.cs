using Shipyard.Delivery.Images.Builders;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Images;

/// <summary>
/// Chooses the image builder: the one named by <c>--builder</c>, else the first that works here. Detection runs
/// once per build (<see cref="DetectAsync"/>); each fan-out item then creates its own builder with its own
/// output (<see cref="Create"/>).
/// </summary>
public static class ImageBuilders
{
    /// <summary>The values <c>--builder</c> accepts.</summary>
    public static readonly string[] Names = ["docker", "podman", "buildah"];

    /// <summary>
    /// <paramref name="choice"/> docker|podman|buildah, or null to detect in that order: docker when its daemon
    /// answers (<c>docker info</c>; a client without a daemon does not count), podman when <c>podman info</c>
    /// works, buildah when <c>buildah version</c> works. Returns the builder name (<c>docker buildx</c> when the
    /// buildx plugin is there).
    /// </summary>
    public static async Task<string> DetectAsync(ProcessRunner runner, string? choice, CancellationToken cancellationToken)
    {
        if (choice is not null && !Names.Contains(choice))
            throw new UsageException($"Unknown builder '{choice}'. Available: {string.Join(", ", Names)}.");
        foreach (var name in choice is null ? Names : [choice])
        {
            if (await WorksAsync(runner, name, name == "buildah" ? ["version"] : ["info"], cancellationToken))
                return name == "docker" && await WorksAsync(runner, "docker", ["buildx", "version"], cancellationToken) ? "docker buildx" : name;
            if (choice is not null)
                throw new BuildFailedException($"Builder '{choice}' does not work here ({Probe(choice)} failed): install it, start its daemon, or pick another with --builder.");
        }
        throw new BuildFailedException(
            "No image builder works here: tried docker (needs a running daemon), podman and buildah. Install one (e.g. apt-get install buildah) or start dockerd.");
    }

    /// <summary>A builder for a name returned by <see cref="DetectAsync"/>.</summary>
    /// <param name="name">docker, docker buildx, podman or buildah.</param>
    /// <param name="runner">Runs its commands (and echoes them to the item's output).</param>
    /// <param name="storageRoot">Private image store for buildah (tests); null for the default one.</param>
    public static IImageBuilder Create(string name, ProcessRunner runner, string? storageRoot = null) => name switch
    {
        "docker" => new DockerBuilder(runner, buildx: false),
        "docker buildx" => new DockerBuilder(runner, buildx: true),
        "podman" => new PodmanBuilder(runner),
        "buildah" => new BuildahBuilder(runner, storageRoot: storageRoot),
        _ => throw new UsageException($"Unknown builder '{name}'. Available: {string.Join(", ", Names)}."),
    };

    private static string Probe(string name) => name == "buildah" ? "buildah version" : $"{name} info";

    private static async Task<bool> WorksAsync(ProcessRunner runner, string program, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync(program, args, new ProcessOptions { Check = false, Echo = false }, cancellationToken);
            return result.ExitCode == 0;
        }
        catch (ProcessFailedException)
        {
            return false; // not installed
        }
    }
}
