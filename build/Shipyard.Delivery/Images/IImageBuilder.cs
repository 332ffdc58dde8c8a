using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Images;

/// <summary>
/// Builds and pushes one image with a local tool (Docker, Podman or Buildah). Extra tags are not the builder's
/// business: Push adds them through the registry API.
/// </summary>
public interface IImageBuilder
{
    /// <summary>Tool name for logs and the summary ("buildah", "docker buildx" ...).</summary>
    string Name { get; }

    /// <summary>Builds <see cref="ImageBuildRequest.Image"/>; returns its image id (= config digest, <c>sha256:…</c>).</summary>
    Task<string> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken);

    /// <summary>The image id (config digest) of a local image; null when there is none by that name.</summary>
    Task<string?> GetImageIdAsync(string image, CancellationToken cancellationToken);

    /// <summary>
    /// Pushes the local image to the same name in its registry with <paramref name="credentials"/> (passed in a
    /// temporary 0600 auth file, never on the command line); returns the manifest digest the registry stored.
    /// </summary>
    Task<string> PushAsync(string image, RegistryCredentials? credentials, CancellationToken cancellationToken);
}
