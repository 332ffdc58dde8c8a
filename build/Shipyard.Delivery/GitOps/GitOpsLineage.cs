using System.Collections.Concurrent;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Whether a revision Argo CD reports contains our commit, answered from the GitOps repository itself: our commit is
/// the revision or one of its ancestors. The first question the repository's answers do not hold yet makes one
/// clone (no working tree), later ones fetch the branch into it when the revision is not there yet, and disposing
/// deletes it. A revision still unknown after the fetch (force-pushed away, never on the branch), our commit gone from
/// the branch, or a history without ours: false. Answers are shared by the repository's lineages, since a commit's
/// history never changes.
/// </summary>
internal sealed class GitOpsLineage(GitRemote remote, string branch, string name, string workRoot, ProcessRunner git,
    ConcurrentDictionary<(string Revision, string Ours), bool> answers) : IRevisionLineage
{
    private readonly Lock _gate = new();
    private GitOpsClone? _clone;
    private bool _disposed;

    public async Task<bool> ContainsAsync(string revision, string ours, CancellationToken cancellationToken)
    {
        if (revision == ours) return true;
        // Argo CD reports full SHAs; anything else (a branch name, a short SHA) would be resolved by libgit2 as a reference.
        if (!IsSha(revision) || !IsSha(ours)) return false;
        if (answers.TryGetValue((revision, ours), out var known)) return known;
        cancellationToken.ThrowIfCancellationRequested();
        // Not cancelled half-way: the clone is made whole and is then the one Dispose deletes.
        var answer = await Task.Run(() => Answer(revision, ours), CancellationToken.None);
        answers[(revision, ours)] = answer;
        return answer;
    }

    private bool Answer(string revision, string ours)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_clone is null) _clone = GitOpsClone.Create(remote, branch, name, workRoot, git);
            else if (!_clone.Has(revision)) _clone.Fetch();
            return _clone.Contains(revision, ours);
        }
    }

    private static bool IsSha(string value) => value.Length == 40 && value.All(char.IsAsciiHexDigit);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _clone?.Dispose();
            _clone = null;
        }
    }
}
