using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Images.Builders;

/// <summary>
/// Buildah and Podman share containers/image and containers/storage: the same build flags, <c>--authfile</c>,
/// <c>--digestfile</c>, and <c>registries.conf</c> for plain-HTTP registries. The subclasses differ in
/// sub-command names and global options.
/// </summary>
internal abstract class ContainersToolBuilder(ProcessRunner runner, string program) : IImageBuilder
{
    public abstract string Name { get; }

    protected abstract string[] GlobalOptions { get; }

    protected abstract string[] BuildCommand { get; }

    protected abstract string[] InspectIdCommand { get; }

    protected ProcessRunner Runner => runner;

    public async Task<string> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        string[] args =
        [
            .. GlobalOptions, .. BuildCommand, "--layers", "-t", request.Image, "-f", request.Dockerfile,
            .. request.BuildArgs.SelectMany(a => new[] { "--build-arg", $"{a.Key}={a.Value}" }),
            .. request.Labels.SelectMany(l => new[] { "--label", $"{l.Key}={l.Value}" }),
            request.Context,
        ];
        using var conf = InsecureRegistries.Write([request.Image, .. request.BuildArgs.Values]);
        await runner.RunAsync(program, args, Options(conf, request.Context, stream: true), cancellationToken);
        return await GetImageIdAsync(request.Image, cancellationToken)
            ?? throw new Shipyard.Engine.BuildFailedException($"{Name} reported success but has no image named {request.Image}.");
    }

    public async Task<string?> GetImageIdAsync(string image, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(program, [.. GlobalOptions, .. InspectIdCommand, image],
            new ProcessOptions { Check = false, Echo = false }, cancellationToken);
        var id = result.StandardOutput.Trim();
        return result.ExitCode != 0 || id.Length == 0 ? null : id.StartsWith("sha256:", StringComparison.Ordinal) ? id : "sha256:" + id;
    }

    public async Task<string> PushAsync(string image, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var server = Registries.Split(image[..image.IndexOf('/')]).Server;
        using var auth = AuthFile.Create(server, credentials);
        var digestFile = Path.Combine(Path.GetTempPath(), $"shipyard-digest-{Guid.NewGuid():N}");
        try
        {
            string[] args =
            [
                .. GlobalOptions, "push", "--digestfile", digestFile,
                .. (auth is null ? Array.Empty<string>() : ["--authfile", auth.Path]),
                .. (Registries.IsPlainHttp(server) ? ["--tls-verify=false"] : Array.Empty<string>()),
                image, "docker://" + image,
            ];
            try
            {
                await runner.RunAsync(program, args, new ProcessOptions { StreamOutput = false }, cancellationToken);
            }
            catch (ProcessFailedException e) when (ErrorLine(e.Result) is { } error)
            {
                // The tool's own error (e.g. the registry's 503 to the manifest upload) first, not its progress lines.
                throw new Shipyard.Engine.BuildFailedException(
                    $"{Name} could not push {image}: {error}. Run Push again once the registry answers (blobs it already has are not sent again).");
            }
            return (await File.ReadAllTextAsync(digestFile, cancellationToken)).Trim();
        }
        finally
        {
            File.Delete(digestFile);
        }
    }

    // containers/image tools end a failed run with one "Error: …" line on stderr.
    private static string? ErrorLine(ProcessResult result) =>
        result.StandardError.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Error: ", StringComparison.Ordinal))?["Error: ".Length..];

    private static ProcessOptions Options(InsecureRegistries? conf, string directory, bool stream) => new()
    {
        WorkingDirectory = directory,
        StreamOutput = stream,
        Environment = conf is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["CONTAINERS_REGISTRIES_CONF"] = conf.Path },
    };
}
