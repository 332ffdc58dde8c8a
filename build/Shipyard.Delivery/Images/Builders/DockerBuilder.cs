using System.Text.RegularExpressions;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Images.Builders;

/// <summary>
/// Docker: <c>docker buildx build --load</c> when the buildx plugin is there, else <c>docker build</c> with
/// <c>DOCKER_BUILDKIT=1</c>; both keep BuildKit's local layer cache. The daemon treats 127.0.0.0/8 registries
/// as insecure by default, so no TLS flags are needed for a local registry.
/// </summary>
internal sealed partial class DockerBuilder(ProcessRunner runner, bool buildx, string program = "docker") : IImageBuilder
{
    public string Name => buildx ? "docker buildx" : "docker";

    public async Task<string> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        string[] args =
        [
            .. (buildx ? new[] { "buildx", "build", "--load" } : ["build"]),
            "-t", request.Image, "-f", request.Dockerfile,
            .. request.BuildArgs.SelectMany(a => new[] { "--build-arg", $"{a.Key}={a.Value}" }),
            .. request.Labels.SelectMany(l => new[] { "--label", $"{l.Key}={l.Value}" }),
            request.Context,
        ];
        await runner.RunAsync(program, args, new ProcessOptions
        {
            WorkingDirectory = request.Context,
            StreamOutput = true,
            Environment = new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" },
        }, cancellationToken);
        return await GetImageIdAsync(request.Image, cancellationToken)
            ?? throw new Shipyard.Engine.BuildFailedException($"{Name} reported success but has no image named {request.Image}.");
    }

    public async Task<string?> GetImageIdAsync(string image, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(program, ["image", "inspect", "--format", "{{.Id}}", image],
            new ProcessOptions { Check = false, Echo = false }, cancellationToken);
        var id = result.StandardOutput.Trim();
        return result.ExitCode == 0 && id.StartsWith("sha256:", StringComparison.Ordinal) ? id : null;
    }

    public async Task<string> PushAsync(string image, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        using var auth = AuthFile.Create(image[..image.IndexOf('/')], credentials);
        string[] args = [.. (auth is null ? Array.Empty<string>() : ["--config", auth.Directory]), "push", image];
        var result = await runner.RunAsync(program, args, new ProcessOptions(), cancellationToken);
        // "abc1234: digest: sha256:… size: 528" is the last line of a docker push.
        var match = PushedDigest().Match(result.StandardOutput);
        return match.Success
            ? match.Groups[1].Value
            : throw new Shipyard.Engine.BuildFailedException($"docker push of {image} printed no digest; its output was: {result.StandardOutput.Trim()}");
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex PushedDigest();
}
