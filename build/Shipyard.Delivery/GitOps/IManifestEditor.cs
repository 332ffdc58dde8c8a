using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Sets a service's image in one manifest format, changing only the bytes of the values that change:
/// comments, key order, quoting style, indentation and line endings stay as they were.
/// </summary>
public interface IManifestEditor
{
    /// <summary>Returns <paramref name="text"/> with the image of <paramref name="manifest"/> set to <paramref name="image"/>.</summary>
    /// <param name="text">The manifest file's content.</param>
    /// <param name="file">The file's path, used in error messages (<c>file:line</c>).</param>
    /// <param name="manifest">Which entry, key or container holds the image.</param>
    /// <param name="image">The image to deploy (name, tag and optional digest).</param>
    /// <exception cref="Shipyard.Engine.UsageException">The YAML is malformed or the entry, key or container is missing.</exception>
    ManifestEditResult Edit(string text, string file, GitOpsManifest manifest, ImageReference image);
}
