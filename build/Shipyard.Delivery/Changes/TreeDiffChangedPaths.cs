using LibGit2Sharp;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Changed paths from libgit2's tree-to-tree diff: unchanged subtrees are skipped by object id, no blob is read,
/// and rename detection is off so a rename is reported as its deleted and its added path.
/// </summary>
internal sealed class TreeDiffChangedPaths(string repositoryPath) : IChangedPaths
{
    private static readonly CompareOptions Options = new()
    {
        Similarity = SimilarityOptions.None,
        IncludeUnmodified = false,
        ContextLines = 0,
    };

    public Task<IReadOnlyList<string>> BetweenAsync(string baseSha, string headSha, CancellationToken cancellationToken) =>
        Task.FromResult(Between(baseSha, headSha));

    private IReadOnlyList<string> Between(string baseSha, string headSha)
    {
        using var repo = new Repository(repositoryPath);
        var oldTree = repo.Lookup<Commit>(baseSha)?.Tree ?? throw new InvalidOperationException($"Commit {baseSha} not found.");
        var newTree = repo.Lookup<Commit>(headSha)?.Tree ?? throw new InvalidOperationException($"Commit {headSha} not found.");
        using var changes = repo.Diff.Compare<TreeChanges>(oldTree, newTree, Options);
        var paths = new List<string>(changes.Count);
        foreach (var change in changes)
        {
            paths.Add(Slash(change.Path));
            // With rename detection off a change has one path, except a type change (file ↔ symlink): same path.
            if (change.OldPath != change.Path && !string.IsNullOrEmpty(change.OldPath)) paths.Add(Slash(change.OldPath));
        }
        return paths;
    }

    private static string Slash(string path) => Path.DirectorySeparatorChar == '/' ? path : path.Replace('\\', '/');
}
