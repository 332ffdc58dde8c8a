using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.GitOps;

/// <summary>The outcome of one manifest edit.</summary>
/// <param name="Text">The new file content (equal to the input when nothing changed).</param>
/// <param name="Changed">False when the manifest already named the image: nothing to commit.</param>
/// <param name="Previous">The image the manifest named before the edit (name, tag, digest), if it named one; the rollback target.</param>
public sealed record ManifestEditResult(string Text, bool Changed, ImageReference? Previous);
