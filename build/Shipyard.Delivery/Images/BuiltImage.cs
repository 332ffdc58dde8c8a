namespace Shipyard.Delivery.Images;

/// <summary>The result of Build for one service: the local image and the tags Push will give it.</summary>
/// <param name="Reference">Registry, repository and primary tag (the local name of the image).</param>
/// <param name="ImageId">The image id, i.e. the config digest (<c>sha256:…</c>).</param>
/// <param name="Tags">Every tag of the scheme, primary first.</param>
public sealed record BuiltImage(ImageReference Reference, string ImageId, IReadOnlyList<string> Tags);
