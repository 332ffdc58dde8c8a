using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Deploy;

/// <summary>
/// The one place that decides which image a deploy names, so the reference checked before the run is the one
/// committed: an immutable tag of the service's tag scheme (or the tag asked for) and the digest, taken from Push
/// when it ran in this run, else resolved in the registry. A deploy never names a moving tag alone.
/// </summary>
/// <param name="digestOf">Looks a reference's tag up in the registry; null when the registry does not have it.</param>
public sealed class DeployImages(Func<ImageReference, CancellationToken, Task<string?>> digestOf)
{
    /// <summary>
    /// The reference a deploy of <paramref name="service"/> will name, known before anything runs (without digest):
    /// <paramref name="requestedTag"/> when given, else the first immutable tag of <paramref name="schemeTags"/>.
    /// </summary>
    /// <exception cref="UsageException">The scheme has no immutable tag.</exception>
    public static ImageReference Planned(Service service, string registry, IReadOnlyList<string> schemeTags, string? requestedTag, BuildVersion version)
    {
        var tag = requestedTag ?? ImmutableTags.Pick(schemeTags, version) ?? throw new UsageException(
            $"{service.Name}: its tag scheme gives only moving tags ({string.Join(", ", schemeTags)}), and a deploy must name one build for good; " +
            "add a tag with the commit SHA ({{sha7}}) or a release version to the scheme.");
        return new ImageReference(registry, service.ImageRepository, tag);
    }

    /// <summary>The immutable reference to deploy: <paramref name="planned"/>'s tag pinned by its digest.</summary>
    /// <param name="planned">What <see cref="Planned"/> returned before the run.</param>
    /// <param name="requested">True when the tag was asked for (it is then resolved in the registry).</param>
    /// <param name="pushed">What Push pushed in this run (with its digest), if it ran for the service.</param>
    /// <param name="pushedTags">Every tag Push pointed at that digest.</param>
    /// <param name="deployed">Reads the image the deploy target names now (manifest-only changes re-sync it).</param>
    /// <param name="cancellationToken">Stops the registry look-up.</param>
    /// <exception cref="BuildFailedException">The image cannot be found, so it cannot be pinned.</exception>
    public async Task<ImageReference> ResolveAsync(
        ImageReference planned, bool requested, ImageReference? pushed, IReadOnlyList<string> pushedTags,
        Func<CancellationToken, Task<ImageReference?>> deployed, CancellationToken cancellationToken)
    {
        if (!requested && pushed is { Digest: not null })
            return pushed with { Tag = pushedTags.Contains(planned.Tag, StringComparer.Ordinal) ? planned.Tag : pushed.Tag };
        if (requested) return planned with { Digest = await DigestAsync(planned, cancellationToken) };

        // Nothing built in this run and no tag asked for: the manifest alone changed, so deploy what it names, pinned.
        var current = await deployed(cancellationToken) ?? throw new BuildFailedException(
            $"No image to deploy for {planned.Repository}: it was not pushed in this run and its manifest names no image. Build and push it, or name the tag to deploy.");
        if (current.Digest is not null) return current;
        var inRegistry = planned with { Tag = current.Tag };
        return current with { Digest = await DigestAsync(inRegistry, cancellationToken) };
    }

    private async Task<string> DigestAsync(ImageReference image, CancellationToken cancellationToken) =>
        await digestOf(image, cancellationToken) ?? throw new BuildFailedException(
            $"{image} is not in the registry, so the deploy cannot pin it by digest: build and push it first, or name a tag that was pushed.");
}
