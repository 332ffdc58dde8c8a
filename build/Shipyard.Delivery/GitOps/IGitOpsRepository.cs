namespace Shipyard.Delivery.GitOps;

/// <summary>The git repository holding the deploy manifests.</summary>
public interface IGitOpsRepository
{
    /// <summary>Display form of the repository (credentials never included).</summary>
    string Name { get; }

    /// <summary>Checks that the repository answers, the credentials work and the branch exists.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">Unreachable, refused or no such branch (one line, no secret).</exception>
    Task CheckReachableAsync(CancellationToken cancellationToken);

    /// <summary>Applies each change's edit to the branch tip in a temporary clone without committing: a dry run.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">A manifest is missing or cannot be edited.</exception>
    Task<IReadOnlyList<ManifestEditResult>> PreviewAsync(IReadOnlyList<GitOpsChange> changes, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> on the branch tip in a temporary clone, commits and pushes; when another
    /// writer pushed first, fetches the new tip and applies the change again there (never rebases the old commit),
    /// with jittered exponential backoff, a bounded number of times.
    /// </summary>
    /// <exception cref="Shipyard.Engine.BuildFailedException">Still rejected after the last attempt, or git failed.</exception>
    Task<GitOpsWriteResult> WriteAsync(GitOpsChange change, CancellationToken cancellationToken);

    /// <summary>
    /// The versions of <paramref name="path"/> on the branch, newest first: the tip's content, then the content
    /// before each earlier commit that changed the file, at most <paramref name="max"/> entries.
    /// </summary>
    /// <exception cref="Shipyard.Engine.UsageException">The file does not exist on the branch.</exception>
    Task<IReadOnlyList<ManifestVersion>> HistoryAsync(string path, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Answers "does this revision contain our commit?" from the branch, for an Argo CD wait: a newer commit that another
    /// writer pushed on top of ours counts as ours. Makes a read-only clone on the first question it cannot answer from
    /// earlier ones; dispose it when the wait is over (the clone goes with it).
    /// </summary>
    ArgoCd.IRevisionLineage OpenLineage();
}
