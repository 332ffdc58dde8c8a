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

    /// <inheritdoc/>
    public override string ToString() => Digest is null ? $"{Name}:{Tag}" : $"{Name}:{Tag}@{Digest}";
}
