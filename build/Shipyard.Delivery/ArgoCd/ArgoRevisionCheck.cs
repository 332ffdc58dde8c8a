using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Works out, for one wait, which revisions Argo CD reports count: every new revision seen in
/// <c>status.sync.revision</c> or <c>operationState.syncResult.revision</c> is put to the lineage once, and the answer
/// is kept. Without a lineage only ours counts. A lineage that cannot answer (the repository unreachable) leaves that
/// revision not counting, and is asked again after a pause on a later observation.
/// </summary>
internal sealed class ArgoRevisionCheck(string application, string ours, IRevisionLineage? lineage, TimeProvider time, TextWriter log)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, bool> _answers = new(StringComparer.Ordinal) { [ours] = true };
    private readonly Dictionary<string, (long At, string Why)> _failed = new(StringComparer.Ordinal);

    /// <summary>The commit the wait is for.</summary>
    public string Ours => ours;

    /// <summary>What counts as of the last resolution.</summary>
    public ArgoRevisions Current { get; private set; } = ArgoRevisions.Exactly(ours);

    /// <summary>Asks about the revisions of <paramref name="app"/> not asked about yet; returns what counts now.</summary>
    public async Task<ArgoRevisions> ResolveAsync(ArgoApplication app, CancellationToken cancellationToken)
    {
        if (lineage is null) return Current;
        foreach (var revision in (string?[])[app.Status?.Sync?.Revision, app.Status?.OperationState?.SyncResult?.Revision])
        {
            if (string.IsNullOrEmpty(revision) || _answers.ContainsKey(revision)) continue;
            if (_failed.TryGetValue(revision, out var failed) && time.GetElapsedTime(failed.At) < RetryAfter) continue;
            try
            {
                var contains = await lineage.ContainsAsync(revision, ours, cancellationToken);
                _answers[revision] = contains;
                _failed.Remove(revision);
                if (!contains) continue;
                Current = Current.With(revision);
                await log.WriteLineAsync($"{application}: Argo CD reports {ArgoCdSync.Short(revision)}, which contains ours ({ArgoCdSync.Short(ours)}): it counts");
            }
            catch (BuildFailedException e)
            {
                _failed[revision] = (time.GetTimestamp(), e.Message);
                await log.WriteLineAsync($"{application}: cannot tell whether {ArgoCdSync.Short(revision)} contains {ArgoCdSync.Short(ours)} ({e.Message}); it does not count meanwhile");
            }
        }
        return Current;
    }

    /// <summary>What is known of <paramref name="revision"/>: for a progress line or the deadline's message.</summary>
    public string WaitingFor(string? revision)
    {
        var mine = ArgoCdSync.Short(ours);
        if (revision is null || lineage is null) return $"waiting for {mine}";
        if (_failed.TryGetValue(revision, out var failed)) return $"waiting for {mine} (cannot tell whether {ArgoCdSync.Short(revision)} contains it: {failed.Why})";
        return _answers.TryGetValue(revision, out var contains) && !contains
            ? $"waiting for {mine}: {ArgoCdSync.Short(revision)} does not contain it"
            : $"waiting for {mine}";
    }
}
