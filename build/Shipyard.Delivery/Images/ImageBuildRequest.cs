namespace Shipyard.Delivery.Images;

/// <summary>What to build.</summary>
/// <param name="Image">Full name with the primary tag, e.g. <c>127.0.0.1:5000/todo-api:abc1234</c>.</param>
/// <param name="Dockerfile">Absolute path of the Dockerfile.</param>
/// <param name="Context">Absolute path of the build context.</param>
public sealed record ImageBuildRequest(string Image, string Dockerfile, string Context)
{
    /// <summary><c>--build-arg</c> values (e.g. <c>RUNTIME_IMAGE=127.0.0.1:5000/base:1</c>).</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Image labels (the OCI <c>org.opencontainers.image.*</c> set).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
