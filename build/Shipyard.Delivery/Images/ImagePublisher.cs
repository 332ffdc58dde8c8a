using Shipyard.Delivery.Registry;
using Shipyard.Engine;

namespace Shipyard.Delivery.Images;

/// <summary>
/// Push for one service: the builder uploads the image under its primary tag — unless the registry already
/// holds an image with the same config digest there — and every other tag is added by re-putting the
/// manifest bytes through the registry API (no pull, no rebuild, no layer upload). Tags already at the digest
/// are left alone. Finally every tag is read back; a tag that does not point at the digest fails the push.
/// </summary>
public sealed class ImagePublisher(IImageBuilder builder, IRegistry registry, RegistryCredentials? credentials, TextWriter log)
{
    /// <summary>Pushes <paramref name="image"/> and points all its tags at one digest.</summary>
    public async Task<PushResult> PushAsync(BuiltImage image, CancellationToken cancellationToken)
    {
        var repository = ApiRepository(image.Reference);
        var primary = image.Reference.Tag;
        var local = await builder.GetImageIdAsync(image.Reference.ToString(), cancellationToken)
            ?? throw new BuildFailedException($"There is no local image {image.Reference} to push: run Build first (Push depends on it).");

        var remote = await registry.GetManifestAsync(repository, primary, cancellationToken);
        var uploaded = remote?.ConfigDigest != local;
        if (uploaded)
        {
            var digest = await builder.PushAsync(image.Reference.ToString(), credentials, cancellationToken);
            remote = await registry.GetManifestAsync(repository, digest, cancellationToken)
                ?? throw new BuildFailedException($"{builder.Name} pushed {image.Reference} as {digest}, but the registry does not have that manifest.");
        }
        else
        {
            await log.WriteLineAsync($"{image.Reference.Repository}:{primary} already at {remote!.Digest}, nothing uploaded");
        }

        var added = new List<string>();
        var unchanged = new List<string>();
        foreach (var tag in image.Tags.Where(t => t != primary))
        {
            if (await registry.GetDigestAsync(repository, tag, cancellationToken) == remote.Digest)
            {
                unchanged.Add(tag);
                continue;
            }
            await registry.PutManifestAsync(repository, tag, remote, cancellationToken);
            added.Add(tag);
        }
        if (added.Count > 0) await log.WriteLineAsync($"{image.Reference.Repository}: tagged {string.Join(", ", added)} → {remote.Digest}");

        await VerifyAsync(repository, image, remote.Digest, cancellationToken);
        return new PushResult(image.Reference with { Digest = remote.Digest }, uploaded, added, [.. unchanged, .. uploaded ? [] : new[] { primary }]);
    }

    private async Task VerifyAsync(string repository, BuiltImage image, string digest, CancellationToken cancellationToken)
    {
        foreach (var tag in image.Tags)
        {
            var actual = await registry.GetDigestAsync(repository, tag, cancellationToken);
            if (actual != digest)
                throw new BuildFailedException(
                    $"After pushing, {image.Reference.Name}:{tag} points at {actual ?? "nothing"} instead of {digest}: another push may have raced this one; run Push again.");
        }
    }

    private static string ApiRepository(ImageReference reference)
    {
        var ns = Registries.Split(reference.Registry).Namespace;
        return ns.Length == 0 ? reference.Repository : $"{ns}/{reference.Repository}";
    }
}
