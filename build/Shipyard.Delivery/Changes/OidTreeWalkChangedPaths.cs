using LibGit2Sharp;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Changed paths from our own recursive walk over two trees with LibGit2Sharp: a subtree whose object id is the same
/// on both sides is skipped without being loaded. A rename is its deleted and its added path.
/// </summary>
internal sealed class OidTreeWalkChangedPaths(string repositoryPath) : IChangedPaths
{
    public Task<IReadOnlyList<string>> BetweenAsync(string baseSha, string headSha, CancellationToken cancellationToken) =>
        Task.FromResult(Between(baseSha, headSha));

    private IReadOnlyList<string> Between(string baseSha, string headSha)
    {
        using var repo = new Repository(repositoryPath);
        var oldTree = repo.Lookup<Commit>(baseSha)?.Tree ?? throw new InvalidOperationException($"Commit {baseSha} not found.");
        var newTree = repo.Lookup<Commit>(headSha)?.Tree ?? throw new InvalidOperationException($"Commit {headSha} not found.");
        var paths = new List<string>();
        Walk(oldTree, newTree, "", paths);
        return paths;
    }

    private static void Walk(Tree oldTree, Tree newTree, string prefix, List<string> paths)
    {
        var old = new Dictionary<string, TreeEntry>(oldTree.Count, StringComparer.Ordinal);
        foreach (var e in oldTree) old[e.Name] = e;
        foreach (var e in newTree)
        {
            if (!old.Remove(e.Name, out var o)) { All(e, prefix, paths); continue; }
            if (o.Target.Id == e.Target.Id && o.Mode == e.Mode) continue; // same object: nothing below changed
            var oldIsTree = o.TargetType == TreeEntryTargetType.Tree;
            var newIsTree = e.TargetType == TreeEntryTargetType.Tree;
            if (oldIsTree && newIsTree) Walk((Tree)o.Target, (Tree)e.Target, prefix + e.Name + "/", paths);
            else if (!oldIsTree && !newIsTree) paths.Add(prefix + e.Name);
            else { All(o, prefix, paths); All(e, prefix, paths); }
        }
        foreach (var o in old.Values) All(o, prefix, paths);
    }

    /// <summary>Every file at or under an added or deleted entry.</summary>
    private static void All(TreeEntry entry, string prefix, List<string> paths)
    {
        if (entry.TargetType != TreeEntryTargetType.Tree) { paths.Add(prefix + entry.Name); return; }
        foreach (var child in (Tree)entry.Target) All(child, prefix + entry.Name + "/", paths);
    }
}
