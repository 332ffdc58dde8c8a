using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Records;

/// <summary>What the registry holds for the service after Push.</summary>
public sealed record PushedEntry : StageEntry
{
    /// <summary>The primary reference with the pushed manifest digest.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>Every tag that points at the digest now, primary first.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Tags pointed at the digest in this run.</summary>
    public IReadOnlyList<string> AddedTags { get; init; } = [];

    /// <summary>False when the registry already had the image and nothing was uploaded.</summary>
    public bool Uploaded { get; init; }
}
