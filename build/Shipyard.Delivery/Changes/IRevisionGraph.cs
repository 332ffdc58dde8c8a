namespace Shipyard.Delivery.Changes;

/// <summary>The repository questions base selection asks. Small so the selection logic unit-tests with a fake.</summary>
public interface IRevisionGraph
{
    /// <summary>The full SHA of the commit <paramref name="revision"/> names (SHA, short SHA, ref), or null when absent.</summary>
    string? Resolve(string revision);

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    bool IsAncestor(string ancestor, string descendant);

    /// <summary>The best common ancestor of two commits, or null when they share no history (or it is not fetched).</summary>
    string? MergeBase(string first, string second);

    /// <summary>True when the clone is shallow, so missing commits may merely be unfetched.</summary>
    bool IsShallow { get; }

    /// <summary>The text of <paramref name="path"/> in commit <paramref name="sha"/>, or null when there is no such file.</summary>
    string? ReadFile(string sha, string path);

    /// <summary>
    /// Fetches the missing history (and the default branch) of a shallow clone. Throws a <c>BuildFailedException</c>
    /// saying why when it cannot.
    /// </summary>
    Task DeepenAsync(string defaultBranch, CancellationToken cancellationToken);
}
