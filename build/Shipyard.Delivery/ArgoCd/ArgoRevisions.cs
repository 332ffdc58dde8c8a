using System.Diagnostics.CodeAnalysis;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// The revisions that count for a wait, as the pure verdicts take them: ours, and those known to contain ours (newer
/// commits pushed on top of it). Any other revision, the old one Argo CD showed before ours above all, never counts.
/// </summary>
/// <param name="Ours">Full SHA of the commit the wait is for.</param>
/// <param name="Containing">Other revisions whose history has <paramref name="Ours"/>.</param>
internal sealed record ArgoRevisions(string Ours, IReadOnlySet<string> Containing)
{
    /// <summary>Only <paramref name="ours"/> counts (no lineage known: an exact match).</summary>
    public static ArgoRevisions Exactly(string ours) => new(ours, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>True when <paramref name="revision"/> is ours or contains ours.</summary>
    public bool Accepts([NotNullWhen(true)] string? revision) => revision is not null && (revision == Ours || Containing.Contains(revision));

    /// <summary>These revisions and <paramref name="revision"/>, known to contain ours.</summary>
    public ArgoRevisions With(string revision) => this with { Containing = new HashSet<string>(Containing, StringComparer.Ordinal) { revision } };

    /// <summary><c>contains ours, 9f8e7d6; </c> when <paramref name="live"/> is a newer revision than ours, else nothing (for a note's parentheses).</summary>
    public string ContainsOurs(string live) => live == Ours ? "" : $"contains ours, {ArgoCdSync.Short(Ours)}; ";

    /// <summary><c>1a2b3c4</c> for ours, <c>1a2b3c4 (contains ours, 9f8e7d6)</c> for a newer one.</summary>
    public string Describe(string? revision) =>
        revision == Ours || revision is null ? ArgoCdSync.Short(revision) : $"{ArgoCdSync.Short(revision)} (contains ours, {ArgoCdSync.Short(Ours)})";
}
