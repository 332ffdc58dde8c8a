namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Answers, from the repository an application's revisions live in, whether a revision Argo CD reports contains our
/// commit: it is that commit, or has it in its history (another writer pushed on top of ours before Argo CD looked).
/// An implementation may hold a read-only clone while a wait asks its questions: dispose it when the wait is over.
/// </summary>
public interface IRevisionLineage : IDisposable
{
    /// <summary>
    /// True when <paramref name="revision"/> is <paramref name="ours"/> or <paramref name="ours"/> is one of its
    /// ancestors; false when it is not, when either commit is unknown to the repository (force-pushed away), or when
    /// <paramref name="revision"/> is not a commit SHA.
    /// </summary>
    /// <param name="revision">Full SHA Argo CD reported.</param>
    /// <param name="ours">Full SHA of the commit the wait is for.</param>
    /// <param name="cancellationToken">Stops before asking the repository.</param>
    /// <exception cref="Shipyard.Engine.BuildFailedException">The repository could not be read (one line, no secret).</exception>
    Task<bool> ContainsAsync(string revision, string ours, CancellationToken cancellationToken);
}
