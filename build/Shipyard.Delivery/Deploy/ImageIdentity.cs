using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Deploy;

/// <summary>When two references name the same image: by digest when both have one, else by tag.</summary>
public static class ImageIdentity
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same image.</summary>
    public static bool Same(ImageReference? a, ImageReference? b) =>
        a is not null && b is not null && (a.Digest is not null && b.Digest is not null ? a.Digest == b.Digest : a.Tag == b.Tag);
}
