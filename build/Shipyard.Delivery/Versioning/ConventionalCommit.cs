using System.Text.RegularExpressions;

namespace Shipyard.Delivery.Versioning;

/// <summary>
/// Reads the release impact of a commit message per Conventional Commits: <c>feat</c> → minor,
/// <c>fix</c>/<c>perf</c> → patch, <c>type!:</c> or a <c>BREAKING CHANGE:</c> / <c>BREAKING-CHANGE:</c> footer → major,
/// anything else (chore, docs, ci, a message without a type) → none.
/// </summary>
public static partial class ConventionalCommit
{
    /// <summary>The bump a commit message asks for.</summary>
    public static BumpKind Classify(string message)
    {
        var header = Header().Match(message.TrimStart());
        if (!header.Success) return BumpKind.None;
        if (header.Groups["breaking"].Success || Breaking().IsMatch(message)) return BumpKind.Major;
        return header.Groups["type"].Value.ToLowerInvariant() switch
        {
            "feat" => BumpKind.Minor,
            "fix" or "perf" => BumpKind.Patch,
            _ => BumpKind.None,
        };
    }

    [GeneratedRegex(@"^(?<type>[A-Za-z]+)(\([^)\r\n]*\))?(?<breaking>!)?: \S")]
    private static partial Regex Header();

    [GeneratedRegex(@"^BREAKING[ -]CHANGE: ", RegexOptions.Multiline)]
    private static partial Regex Breaking();
}
