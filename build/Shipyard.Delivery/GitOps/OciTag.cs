using System.Text.RegularExpressions;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>The OCI distribution tag grammar: <c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>.</summary>
internal static partial class OciTag
{
    public static string Validate(string tag) => Grammar().IsMatch(tag)
        ? tag
        : throw new UsageException($"--image-tag '{tag}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex Grammar();
}
