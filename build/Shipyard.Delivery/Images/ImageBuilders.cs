using Shipyard.Delivery.Images.Builders;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Images;

/// <summary>Chooses the image builder: the one named by <c>--builder</c>, else the first that works here.</summary>
public static class ImageBuilders
{
    /// <summary>The values <c>--builder</c> accepts.</summary>
    public static readonly string[] Names = ["docker", "podman", "buildah"];

    /// <summary>
    /// <paramref name="choice"/> docker|podman|buildah, or null to detect in that order: docker when its daemon
    /// answers (<c>docker info</c>; a client without a daemon does not count), podman when <c>podman info</c>
    /// works, buildah when <c>buildah version</c> works.
    /// </summary>
    /// <param name="runner">Runs the probes and, later, the builds.</param>
    /// <param name="choice">The requested builder, or null.</param>
    /// <param name="storageRoot">Private image store for buildah (tests); null for the default one.</param>
    /// <param name="cancellationToken">Cancels the probes.</param>
    public static async Task<IImageBuilder> ResolveAsync(ProcessRunner runner, string? choice, string? storageRoot, CancellationToken cancellationToken)
    {
        if (choice is not null && !Names.Contains(choice))
            throw new UsageException($"Unknown builder '{choice}'. Available: {string.Join(", ", Names)}.");
        foreach (var name in choice is null ? Names : [choice])
        {
            var builder = name switch
            {
                "docker" when await WorksAsync(runner, "docker", ["info", "--format", "{{.ServerVersion}}"], cancellationToken) =>
                    new DockerBuilder(runner, await WorksAsync(runner, "docker", ["buildx", "version"], cancellationToken)),
                "podman" when await WorksAsync(runner, "podman", ["info", "--format", "{{.Version.Version}}"], cancellationToken) =>
                    new PodmanBuilder(runner),
                "buildah" when await WorksAsync(runner, "buildah", ["version"], cancellationToken) =>
                    new BuildahBuilder(runner, storageRoot: storageRoot),
                _ => (IImageBuilder?)null,
            };
            if (builder is not null) return builder;
            if (choice is not null)
                throw new BuildFailedException($"Builder '{choice}' does not work here ({Probe(choice)} failed): install it, start its daemon, or pick another with --builder.");
        }
        throw new BuildFailedException(
            "No image builder works here: tried docker (needs a running daemon), podman and buildah. Install one (e.g. apt-get install buildah) or start dockerd.");
    }

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
