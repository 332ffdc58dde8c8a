using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Verify;

/// <summary>The image a container must run after the deploy.</summary>
/// <param name="Container">Container name in the pod template (the catalog's <c>deploy.container</c>).</param>
/// <param name="Image">The deployed image; compared by digest when it has one, else by name and tag.</param>
public sealed record ExpectedImage(string Container, ImageReference Image)
{
    /// <summary>
    /// True when <paramref name="running"/> (an image reference from a pod template or a pod status) is this image.
    /// With a digest only the digest counts (a tag can move); without one, name and tag must both match.
    /// </summary>
    public bool Matches(string? running)
    {
        if (string.IsNullOrEmpty(running)) return false;
        var (name, tag, digest) = Split(running);
        if (Image.Digest is { } expected)
            return string.Equals(digest, expected, StringComparison.OrdinalIgnoreCase);
        return name == Image.Name && tag == Image.Tag;
    }

    /// <summary>Splits <c>registry/repository:tag@digest</c>; a <c>:</c> before the last <c>/</c> is a registry port.</summary>
    internal static (string Name, string? Tag, string? Digest) Split(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? reference[(at + 1)..] : null;
        var rest = at >= 0 ? reference[..at] : reference;
        var colon = rest.LastIndexOf(':');
        var tag = colon > rest.LastIndexOf('/') ? rest[(colon + 1)..] : null;
        var name = tag is null ? rest : rest[..colon];
        return (name, tag, digest);
    }

    /// <inheritdoc />
    public override string ToString() => Image.ToString();
}
