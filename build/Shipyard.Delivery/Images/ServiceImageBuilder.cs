using System.Globalization;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images.Tags;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Images;

/// <summary>
/// Build for one service: runs its prepare command (<c>sh -c</c> in the service folder), then builds the image
/// with the chosen <see cref="IImageBuilder"/>, tagged with the primary tag of its tag scheme and labelled with
/// the OCI revision/source/version/created labels.
/// </summary>
public sealed class ServiceImageBuilder(ProcessRunner runner, IImageBuilder builder, ImageBuildSettings settings)
{
    /// <summary>Builds <paramref name="service"/> at <paramref name="version"/>.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">The tag scheme or a rendered tag is invalid (before anything runs).</exception>
    public async Task<BuiltImage> BuildAsync(Service service, BuildVersion version, CancellationToken cancellationToken)
    {
        var scheme = TagScheme.Parse(service.TagScheme ?? settings.TagScheme,
            service.TagScheme is null ? "--tag-scheme" : $"{service.Directory}/service.yaml (tags:)");
        var tags = scheme.TagsFor(version, service.Name);
        var reference = new ImageReference(settings.Registry, service.ImageRepository, tags[0]);

        if (service.PrepareCommand is { Length: > 0 } prepare)
            await runner.RunAsync("sh", ["-c", prepare], new ProcessOptions
            {
                WorkingDirectory = Path.Combine(settings.RootDirectory, service.Directory),
                StreamOutput = true,
            }, cancellationToken);

        var request = new ImageBuildRequest(reference.ToString(),
            Path.Combine(settings.RootDirectory, service.Dockerfile), Path.Combine(settings.RootDirectory, service.Context))
        {
            BuildArgs = settings.BuildArgs,
            Labels = Labels(service, version),
        };
        var id = await builder.BuildAsync(request, cancellationToken);
        return new BuiltImage(reference, id, tags);
    }

    private Dictionary<string, string> Labels(Service service, BuildVersion version)
    {
        // The commit time, not the clock: rebuilding the same commit then yields the same image id, so a second
        // Push finds it already in the registry and uploads nothing.
        var created = (version.CommitTime ?? version.Timestamp).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.revision"] = version.Sha,
            ["org.opencontainers.image.version"] = ReleaseTags.For(version, service.Name)?.ToString() ?? version.ShortSha,
            ["org.opencontainers.image.created"] = created,
            ["org.opencontainers.image.title"] = service.Name,
        };
        if (settings.SourceUrl is { Length: > 0 } source) labels["org.opencontainers.image.source"] = source;
        return labels;
    }
}
