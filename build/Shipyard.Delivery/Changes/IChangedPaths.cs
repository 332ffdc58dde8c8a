namespace Shipyard.Delivery.Changes;

/// <summary>Lists the files that differ between two commits (renames as delete + add), without reading the working tree.</summary>
public interface IChangedPaths
{
    /// <summary>Repository-relative, forward-slash paths changed from <paramref name="baseSha"/> to <paramref name="headSha"/>.</summary>
    Task<IReadOnlyList<string>> BetweenAsync(string baseSha, string headSha, CancellationToken cancellationToken);
}
