using System.Text.RegularExpressions;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Reads the image tag a service's GitOps manifest deploys (kustomize <c>images[].newTag</c>, the Helm tag key, or a
/// raw manifest's container image) and the commit SHA it records: a tag that is, or ends in <c>-</c>/<c>_</c>/<c>.</c>
/// followed by, 7–40 hex digits (<c>a1b2c3d</c>, <c>sha-a1b2c3d</c>, <c>main-a1b2c3d</c>). Pure.
/// </summary>
public static partial class DeployedCommitReader
{
    /// <summary>The SHA (full or abbreviated) recorded by the manifest text, or null.</summary>
    public static string? CommitOf(Service service, string manifestText)
    {
        var tag = TagOf(service, manifestText);
        if (tag is null) return null;
        var match = ShaSuffix().Match(tag);
        return match.Success ? match.Groups["sha"].Value : null;
    }

    /// <summary>The image tag the manifest deploys, or null when it has none (or the manifest cannot be read).</summary>
    public static string? TagOf(Service service, string manifestText)
    {
        try
        {
            return GitOps.ManifestEditors.ReadImage(manifestText, service.Manifest.Path, service.Manifest) is { Tag.Length: > 0 } image ? image.Tag : null;
        }
        catch (Shipyard.Engine.UsageException)
        {
            return null;
        }
    }

    [GeneratedRegex("(?:^|[-_.])(?<sha>[0-9a-f]{7,40})$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaSuffix();
}
