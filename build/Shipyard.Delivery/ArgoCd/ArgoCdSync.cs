using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Argo CD over its REST API: Deploy's sync (refresh, sync unless auto-sync applies it, wait for the operation) and
/// Verify's health wait, both judged by pure verdicts (<see cref="ArgoSyncVerdict"/>, <see cref="ArgoHealthVerdict"/>)
/// over what <see cref="ArgoWatcher"/> observes. Deadlines cancel the wait when they come, mid-read included.
/// </summary>
internal sealed class ArgoCdSync(ArgoCdClient client, ArgoCdOptions options, TimeProvider time, TextWriter log) : IArgoCd
{
    private static readonly TimeSpan ReasonsBudget = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async Task<ArgoSyncResult> SyncAsync(string application, string expectedRevision, IRevisionLineage? lineage, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var revisions = new ArgoRevisionCheck(application, expectedRevision, lineage, time, log);
        var progress = new ArgoProgress(application, revisions, log);
        ArgoSyncRequests? requests = null;
        ArgoApplication? last = null;
        using var deadline = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await new ArgoWatcher(client, options, time, log).WatchAsync(application, ReportsOurs(revisions), async app =>
            {
                last = app;
                var counting = await revisions.ResolveAsync(app, linked.Token);
                await progress.ReportAsync(app);
                requests ??= new ArgoSyncRequests(app.AutoSync);
                switch (ArgoSyncVerdict.Of(app, counting))
                {
                    case ArgoSyncVerdict.Synced:
                        return Synced(application, counting, app.Status!.Sync!.Revision!, app.AutoSync ? ArgoSyncMode.AutoSync
                            : requests.Accepted ? ArgoSyncMode.Requested : ArgoSyncMode.External, time.GetElapsedTime(started));
                    case ArgoSyncVerdict.Failed:
                        var reasons = await ReasonsAsync(application, app, notYetHealthy: false, cancellationToken);
                        var op = app.Status!.OperationState!;
                        throw new ArgoCdFailedException(
                            $"Argo CD sync of {application} to {counting.Describe(op.SyncResult?.Revision)} ended {op.Phase}: {ArgoReasons.Summary(reasons)}. " +
                            "Fix the manifests in the GitOps repository and deploy again.", reasons);
                }
                if (requests.ShouldRequest(app, counting))
                    requests.Record(app, await TrySyncAsync(application, ArgoSyncVerdict.SyncTarget(app, counting), counting, linked.Token));
                return null;
            }, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var reasons = last is null ? [] : await ReasonsAsync(application, last, notYetHealthy: true, cancellationToken);
            throw new ArgoCdFailedException(
                $"Argo CD application {application} was not Synced at revision {Short(expectedRevision)}{OrNewer(lineage)} within {options.Timeout}; " +
                $"last seen: {(last is null ? "nothing" : progress.Describe(last))}{(reasons.Count > 0 ? "; " + ArgoReasons.Summary(reasons) : "")}. " +
                $"Check it with 'argocd app get {application}', or raise the Argo CD timeout.", reasons);
        }
    }

    /// <inheritdoc />
    public async Task<ArgoHealthResult> WaitHealthyAsync(
        string application, string expectedRevision, IRevisionLineage? lineage, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var revisions = new ArgoRevisionCheck(application, expectedRevision, lineage, time, log);
        var progress = new ArgoProgress(application, revisions, log);
        ArgoApplication? last = null;
        var budget = deadline - time.GetUtcNow();
        using var expiry = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            return await new ArgoWatcher(client, options, time, log).WatchAsync(application, ReportsOurs(revisions), async app =>
            {
                last = app;
                var counting = await revisions.ResolveAsync(app, linked.Token);
                await progress.ReportAsync(app);
                switch (ArgoHealthVerdict.Of(app, counting))
                {
                    case ArgoHealthVerdict.Healthy:
                        var waited = time.GetElapsedTime(started);
                        var live = app.Status!.Sync!.Revision!;
                        var note = $"Healthy at {Short(live)} per Argo CD ({counting.ContainsOurs(live)}waited {waited.TotalSeconds:0.0} s)";
                        return new ArgoHealthResult(application, expectedRevision, "Healthy", waited, note) { Live = live };
                    case ArgoHealthVerdict.Degraded:
                        var reasons = await ReasonsAsync(application, app, notYetHealthy: false, cancellationToken);
                        var failed = app.Status?.OperationState?.Phase is "Failed" or "Error";
                        var what = failed ? $"sync {app.Status!.OperationState!.Phase}" : "Degraded";
                        var at = failed ? app.Status!.OperationState!.SyncResult?.Revision : app.Status?.Sync?.Revision;
                        throw new ArgoCdFailedException(
                            $"Argo CD application {application} is {what} at revision {counting.Describe(at)}: {ArgoReasons.Summary(reasons)}. " +
                            "Fix the service or its manifests, or roll back.", reasons);
                    default:
                        return null;
                }
            }, linked.Token);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var reasons = last is null ? [] : await ReasonsAsync(application, last, notYetHealthy: true, cancellationToken);
            throw new ArgoCdFailedException(
                $"Argo CD application {application} did not become Healthy at revision {Short(expectedRevision)}{OrNewer(lineage)} by the deadline " +
                $"(waited {time.GetElapsedTime(started).TotalSeconds:0.0} s); last seen: {(last is null ? "nothing" : progress.Describe(last))}" +
                $"{(reasons.Count > 0 ? "; " + ArgoReasons.Summary(reasons) : "")}.", reasons);
        }
    }

    // Reads stop asking for a refresh once Argo CD compares against a revision that counts.
    private static Func<ArgoApplication, bool> ReportsOurs(ArgoRevisionCheck revisions) => app => revisions.Current.Accepts(app.Status?.Sync?.Revision);

    private static string OrNewer(IRevisionLineage? lineage) => lineage is null ? "" : " (or a newer one containing it)";

    private static ArgoSyncResult Synced(string application, ArgoRevisions revisions, string live, ArgoSyncMode mode, TimeSpan waited)
    {
        var took = $"({revisions.ContainsOurs(live)}waited {waited.TotalSeconds:0.0} s)";
        var note = mode switch
        {
            ArgoSyncMode.AutoSync => $"auto-sync: Synced at {Short(live)} {took}",
            ArgoSyncMode.Requested => $"synced {Short(live)} on request {took}",
            _ => $"Synced at {Short(live)} by an operation this build did not start {took}",
        };
        return new ArgoSyncResult(application, revisions.Ours, mode, waited, note) { Live = live };
    }

    /// <summary>Starts the sync; false when Argo CD refused because another operation runs (the caller waits for it).</summary>
    private async Task<bool> TrySyncAsync(string application, string revision, ArgoRevisions revisions, CancellationToken cancellationToken)
    {
        try
        {
            await client.SyncAsync(application, new ArgoSyncRequest(revision, options.Prune, DryRun: false), cancellationToken);
            await log.WriteLineAsync($"{application}: sync to {revisions.Describe(revision)} requested");
            return true;
        }
        catch (ArgoCdApiException e) when (e.OperationInProgress)
        {
            await log.WriteLineAsync($"{application}: another operation is in progress; waiting for it to finish before syncing");
            return false;
        }
        catch (ArgoCdApiException e)
        {
            throw new BuildFailedException(
                $"Argo CD refused to sync {application} to {revisions.Describe(revision)} ({(int)e.Status}: {e.Message}). " +
                "If auto-sync is on the commit is applied without a sync request; a sync window may also block it.");
        }
    }

    /// <summary>Every reason (resource tree included, when it can be read in time), written to the log in full.</summary>
    private async Task<IReadOnlyList<string>> ReasonsAsync(string application, ArgoApplication app, bool notYetHealthy, CancellationToken cancellationToken)
    {
        ArgoResourceTree? tree = null;
        using var budget = new CancellationTokenSource(ReasonsBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            tree = await client.GetResourceTreeAsync(application, linked.Token);
        }
        catch (Exception e) when (e is ArgoCdApiException or BuildFailedException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await log.WriteLineAsync($"{application}: resource tree unavailable ({e.Message}); reasons from the application status only");
        }
        var reasons = ArgoReasons.Of(app, tree, notYetHealthy);
        foreach (var reason in reasons) await log.WriteLineAsync($"{application}:   {reason}");
        return reasons;
    }

    internal static string Short(string? revision) => revision is { Length: > 7 } ? revision[..7] : revision ?? "none";
}
