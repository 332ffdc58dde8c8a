namespace Shipyard.Delivery.Registry;

/// <summary>
/// The OCI distribution API of one registry, for what Push needs beyond the builder: read a manifest, add a tag
/// by re-putting the same manifest bytes (no layer moves), list tags.
/// </summary>
public interface IRegistry
{
    /// <summary>The registry host[:port].</summary>
    string Host { get; }

    /// <summary>The manifest <paramref name="reference"/> (tag or digest) points at; null when it does not exist.</summary>
    Task<RegistryManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>The digest <paramref name="tag"/> points at (HEAD request); null when the tag does not exist.</summary>
    Task<string?> GetDigestAsync(string repository, string tag, CancellationToken cancellationToken);

    /// <summary>Points <paramref name="tag"/> at <paramref name="manifest"/> (PUT of the same bytes and media type); returns the digest.</summary>
    Task<string> PutManifestAsync(string repository, string tag, RegistryManifest manifest, CancellationToken cancellationToken);

    /// <summary>The repository's tags (empty when the repository does not exist).</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken);
}
