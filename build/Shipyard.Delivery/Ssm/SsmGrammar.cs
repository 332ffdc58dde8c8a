using System.Text;
using System.Text.RegularExpressions;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Images.Tags;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// The strict grammars every value sent to the host passes before anything is created in AWS. They are the build's
/// own (DNS-1123 labels, OCI repository paths, OCI tags) and leave no room for shell metacharacters, so quoting is a
/// second line of defence rather than the only one.
/// </summary>
internal static partial class SsmGrammar
{
    public static bool IsRegion(string value) => Region().IsMatch(value);

    public static bool IsBucketPrefix(string value) => value.Length <= 41 && BucketPrefix().IsMatch(value);

    public static bool IsTagText(string value) => value.Length is > 0 and <= 128 && TagText().IsMatch(value);

    /// <summary>Throws a one-line <see cref="UsageException"/> unless <paramref name="value"/> is a DNS-1123 label.</summary>
    public static string Label(string what, string value) => CatalogNames.IsLabel(value)
        ? value
        : throw new UsageException($"SSM deploy: {what} '{Escape(value)}' is not valid: {CatalogNames.LabelRule}");

    /// <summary>Registry host[:port][/path], repository path, OCI tag and sha256 digest.</summary>
    public static ImageReference Image(ImageReference image)
    {
        if (image.Registry.Length > 0 && !Registry().IsMatch(image.Registry))
            throw new UsageException($"SSM deploy: image registry '{Escape(image.Registry)}' is not a host[:port][/path]");
        if (!CatalogNames.IsRepository(image.Repository))
            throw new UsageException($"SSM deploy: image repository '{Escape(image.Repository)}' is not an OCI repository path (lowercase letters, digits, '.', '_', '-', '/')");
        if (!OciTag.IsValid(image.Tag))
            throw new UsageException($"SSM deploy: image tag '{Escape(image.Tag)}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
        if (image.Digest is not null && !Digest().IsMatch(image.Digest))
            throw new UsageException($"SSM deploy: image digest '{Escape(image.Digest)}' is not sha256: and 64 lowercase hex digits");
        return image;
    }

    public static string Commit(string value) => value.Length == 0 || Commit().IsMatch(value)
        ? value
        : throw new UsageException($"SSM deploy: source commit '{Escape(value)}' is not a hex commit id");

    public static string CiRun(string value) => value.Length == 0 || CiRun().IsMatch(value)
        ? value
        : throw new UsageException($"SSM deploy: CI run id '{Escape(value)}' may hold only letters, digits, '.', '_' and '-' (at most 128)");

    /// <summary>A value as it may appear in a one-line message: control characters as escapes, at most 80 characters.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > 80 ? value[..80] : value)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return value.Length > 80 ? text + "…" : text.ToString();
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex Region();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex BucketPrefix();

    // EC2 tag keys and values allow more, but a filter naming an instance never needs shell-hostile characters.
    [GeneratedRegex("^[A-Za-z0-9 _.:/+@*?-]+$")]
    private static partial Regex TagText();

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Registry();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Digest();

    [GeneratedRegex("^[0-9a-f]{7,64}$")]
    private static partial Regex Commit();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex CiRun();
}
