using System.Text.RegularExpressions;
using Shipyard.Engine;

namespace Shipyard.Delivery.Images.Tags;

/// <summary>The OCI distribution tag grammar <c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>.</summary>
public static partial class OciTag
{
    /// <summary>True when <paramref name="tag"/> is a valid tag.</summary>
    public static bool IsValid(string tag) => Grammar().IsMatch(tag);

    /// <summary>Throws a <see cref="UsageException"/> naming the tag and where it came from when it is invalid.</summary>
    public static string Validate(string tag, string source) => IsValid(tag)
        ? tag
        : throw new UsageException(
            $"Tag '{UsageException.Escape(tag)}' from {source} is not a valid image tag: use letters, digits, '_', '.' and '-' (first character not '.' or '-'), at most 128 characters.");

    /// <summary>
    /// Checks a tag given directly as a setting (the tag to deploy), naming the setting as the caller calls it; the
    /// same wording as the GitOps deploy's own check, so the message does not depend on which check came first.
    /// </summary>
    /// <exception cref="UsageException">Outside the grammar (one line, the value escaped).</exception>
    public static string ValidateSetting(string tag, string setting) => IsValid(tag)
        ? tag
        : throw new UsageException(
            $"{setting} '{UsageException.Escape(tag)}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");

    /// <summary>
    /// Makes a branch name usable as a tag the way docker/metadata-action does: every run of characters outside
    /// the grammar (such as <c>/</c>) becomes <c>-</c>, leading <c>.</c>/<c>-</c> are dropped, at most
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public static string Sanitize(string value, int maxLength = 128)
    {
        var cleaned = Invalid().Replace(value, "-").TrimStart('.', '-');
        return cleaned.Length > maxLength ? cleaned[..maxLength] : cleaned;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex Grammar();

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Invalid();
}
