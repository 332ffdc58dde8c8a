using System.Security.Cryptography;
using System.Text.Json;

namespace Shipyard.Delivery.Registry;

/// <summary>A manifest exactly as the registry stores it: the bytes, their media type and digest.</summary>
/// <param name="Bytes">The raw manifest (re-sent unchanged when adding a tag, so the digest stays the same).</param>
/// <param name="MediaType">The <c>Content-Type</c> it was served with.</param>
/// <param name="Digest">The <c>Docker-Content-Digest</c> (or the sha256 of the bytes).</param>
public sealed record RegistryManifest(byte[] Bytes, string MediaType, string Digest)
{
    /// <summary>The image config digest (= the local image id); null for an index, which has no config.</summary>
    public string? ConfigDigest => Root.TryGetProperty("config", out var c) && c.TryGetProperty("digest", out var d) ? d.GetString() : null;

    /// <summary>Bytes of the config plus every layer the manifest names (what a full push would upload).</summary>
    public long ImageSize =>
        (Root.TryGetProperty("config", out var c) ? c.GetProperty("size").GetInt64() : 0)
        + (Root.TryGetProperty("layers", out var l) ? l.EnumerateArray().Sum(x => x.GetProperty("size").GetInt64()) : 0);

    private JsonElement Root => JsonDocument.Parse(Bytes).RootElement;

    /// <summary>The canonical digest of manifest bytes.</summary>
    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
