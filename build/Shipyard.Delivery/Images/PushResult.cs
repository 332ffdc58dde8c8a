namespace Shipyard.Delivery.Images;

/// <summary>The result of Push for one service.</summary>
/// <param name="Image">The primary reference with the pushed manifest digest.</param>
/// <param name="Uploaded">False when the registry already had this image under the primary tag (nothing was uploaded).</param>
/// <param name="AddedTags">Tags pointed at the digest in this run (manifest PUTs).</param>
/// <param name="UnchangedTags">Tags that already pointed at the digest.</param>
public sealed record PushResult(ImageReference Image, bool Uploaded, IReadOnlyList<string> AddedTags, IReadOnlyList<string> UnchangedTags)
{
    /// <summary>The manifest digest every tag points at.</summary>
    public string Digest => Image.Digest!;
}
