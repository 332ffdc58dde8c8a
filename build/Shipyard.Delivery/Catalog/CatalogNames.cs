using System.Text.RegularExpressions;

namespace Shipyard.Delivery.Catalog;

/// <summary>Name rules of the catalog: Kubernetes DNS-1123 labels and OCI repository paths.</summary>
internal static partial class CatalogNames
{
    /// <summary>What a DNS-1123 label is, for error messages.</summary>
    public const string LabelRule = "lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit";

    /// <summary>True for a DNS-1123 label (Deployment, container, namespace, Argo CD application and service names).</summary>
    public static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    /// <summary>True for an image repository path without registry, e.g. <c>todo-api</c> or <c>team/todo-api</c>.</summary>
    public static bool IsRepository(string value) => value.Length <= 255 && Repository().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    // The OCI distribution spec's path components: lowercase alnum joined by '.', '_', '__' or dashes.
    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Repository();
}
