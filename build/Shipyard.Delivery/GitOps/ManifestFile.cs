using System.Text;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>Reads and writes a manifest so that the bytes around an edit stay as they were (BOM included).</summary>
internal sealed record ManifestFile(string Text, bool Bom)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The absolute path of <paramref name="path"/> inside <paramref name="root"/>; refuses paths leaving it.</summary>
    public static string Resolve(string root, string path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (Path.IsPathRooted(path) || !full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UsageException($"manifest path '{path}' must be relative to the GitOps repository root");
        return full;
    }

    /// <summary>The manifest from its bytes as stored (e.g. a blob of the branch tip, read without a checkout).</summary>
    public static ManifestFile Decode(byte[] bytes, string path)
    {
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        try
        {
            return new ManifestFile(Utf8NoBom.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), bom);
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException($"{path}:1: not UTF-8 text");
        }
    }

    /// <summary>The bytes to store: the text as UTF-8, after the BOM when the file had one.</summary>
    public static byte[] Encode(ManifestFile content) =>
        content.Bom ? [.. Encoding.UTF8.Preamble, .. Utf8NoBom.GetBytes(content.Text)] : Utf8NoBom.GetBytes(content.Text);
}
