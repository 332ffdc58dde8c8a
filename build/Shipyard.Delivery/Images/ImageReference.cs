namespace Shipyard.Delivery.Images;

/// <summary>A container image reference: <c>registry/repository:tag@digest</c>.</summary>
/// <param name="Registry">Registry host[:port], e.g. <c>127.0.0.1:5000</c> or <c>ghcr.io/acme</c>; empty for a local-only name.</param>
/// <param name="Repository">Repository path, e.g. <c>todo-api</c>.</param>
/// <param name="Tag">Tag, e.g. <c>abc1234</c>.</param>
/// <param name="Digest">Manifest digest (<c>sha256:…</c>) once pushed.</param>
public sealed record ImageReference(string Registry, string Repository, string Tag, string? Digest = null)
{
    /// <summary>Registry and repository, without tag or digest.</summary>
    public string Name => Registry.Length == 0 ? Repository : $"{Registry}/{Repository}";

    /// <summary>
    /// Reads an image as a pod spec or manifest writes it, <c>registry:5000/app:tag@sha256:…</c>: the name (registry
    /// included), the tag (<c>latest</c> when none, as the runtime assumes) and the digest; null for an empty text.
    /// </summary>
    public static ImageReference? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        string? digest = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) (reference, digest) = (reference[..at], reference[(at + 1)..]);
        var colon = reference.LastIndexOf(':');
        // A ':' before the last '/' is a registry port, not a tag.
        return colon > reference.LastIndexOf('/')
            ? new ImageReference("", reference[..colon], reference[(colon + 1)..], digest)
            : new ImageReference("", reference, "latest", digest);
    }

    /// <inheritdoc/>
    public override string ToString() => Digest is null ? $"{Name}:{Tag}" : $"{Name}:{Tag}@{Digest}";
}
