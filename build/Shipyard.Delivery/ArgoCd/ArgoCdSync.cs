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
    public async Task<ArgoSyncResult> SyncAsync(string application, string expectedRevision, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var progress = new ArgoProgress(application, expectedRevision, log);
        ArgoSyncRequests? requests = null;
        ArgoApplication? last = null;
        using var deadline = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await new ArgoWatcher(client, options, time, log).WatchAsync(application, expectedRevision, async app =>
            {
                last = app;
                await progress.ReportAsync(app);
                requests ??= new ArgoSyncRequests(app.AutoSync);
                switch (ArgoSyncVerdict.Of(app, expectedRevision))
                {
                    case ArgoSyncVerdict.Synced:
                        return Synced(application, expectedRevision, app.AutoSync ? ArgoSyncMode.AutoSync
                            : requests.Accepted ? ArgoSyncMode.Requested : ArgoSyncMode.External, time.GetElapsedTime(started));
                    case ArgoSyncVerdict.Failed:
                        var reasons = await ReasonsAsync(application, app, notYetHealthy: false, cancellationToken);
                        throw new ArgoCdFailedException(
                            $"Argo CD sync of {application} to {Short(expectedRevision)} ended {app.Status?.OperationState?.Phase}: {ArgoReasons.Summary(reasons)}. " +
                            "Fix the manifests in the GitOps repository and deploy again.", reasons);
                }
                if (requests.ShouldRequest(app, expectedRevision))
                    requests.Record(app, await TrySyncAsync(application, expectedRevision, linked.Token));
                return null;
            }, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var reasons = last is null ? [] : await ReasonsAsync(application, last, notYetHealthy: true, cancellationToken);
            throw new ArgoCdFailedException(
                $"Argo CD application {application} was not Synced at revision {Short(expectedRevision)} within {options.Timeout}; " +
                $"last seen: {(last is null ? "nothing" : progress.Describe(last))}{(reasons.Count > 0 ? "; " + ArgoReasons.Summary(reasons) : "")}. " +
                $"Check it with 'argocd app get {application}', or raise the Argo CD timeout.", reasons);
        }
    }

    /// <inheritdoc />
    public async Task<ArgoHealthResult> WaitHealthyAsync(string application, string expectedRevision, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var progress = new ArgoProgress(application, expectedRevision, log);
        ArgoApplication? last = null;
        var budget = deadline - time.GetUtcNow();
        using var expiry = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            return await new ArgoWatcher(client, options, time, log).WatchAsync(application, expectedRevision, async app =>
            {
                last = app;
                await progress.ReportAsync(app);
                switch (ArgoHealthVerdict.Of(app, expectedRevision))
                {
                    case ArgoHealthVerdict.Healthy:
                        var waited = time.GetElapsedTime(started);
                        return new ArgoHealthResult(application, expectedRevision, "Healthy", waited,
                            $"Healthy at {Short(expectedRevision)} per Argo CD (waited {waited.TotalSeconds:0.0} s)");
                    case ArgoHealthVerdict.Degraded:
                        var reasons = await ReasonsAsync(application, app, notYetHealthy: false, cancellationToken);
                        var what = app.Status?.OperationState?.Phase is "Failed" or "Error" ? $"sync {app.Status.OperationState.Phase}" : "Degraded";
                        throw new ArgoCdFailedException(
                            $"Argo CD application {application} is {what} at revision {Short(expectedRevision)}: {ArgoReasons.Summary(reasons)}. " +
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
                $"Argo CD application {application} did not become Healthy at revision {Short(expectedRevision)} by the deadline " +
                $"(waited {time.GetElapsedTime(started).TotalSeconds:0.0} s); last seen: {(last is null ? "nothing" : progress.Describe(last))}" +
                $"{(reasons.Count > 0 ? "; " + ArgoReasons.Summary(reasons) : "")}.", reasons);
        }
    }

    private static ArgoSyncResult Synced(string application, string revision, ArgoSyncMode mode, TimeSpan waited)
    {
        var took = $"(waited {waited.TotalSeconds:0.0} s)";
        var note = mode switch
        {
            ArgoSyncMode.AutoSync => $"auto-sync: Synced at {Short(revision)} {took}",
            ArgoSyncMode.Requested => $"synced {Short(revision)} on request {took}",
            _ => $"Synced at {Short(revision)} by an operation this build did not start {took}",
        };
        return new ArgoSyncResult(application, revision, mode, waited, note);
    }

    /// <summary>Starts the sync; false when Argo CD refused because another operation runs (the caller waits for it).</summary>
    private async Task<bool> TrySyncAsync(string application, string revision, CancellationToken cancellationToken)
    {
        try
        {
            await client.SyncAsync(application, new ArgoSyncRequest(revision, options.Prune, DryRun: false), cancellationToken);
            await log.WriteLineAsync($"{application}: sync to {Short(revision)} requested");
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
                $"Argo CD refused to sync {application} to {Short(revision)} ({(int)e.Status}: {e.Message}). " +
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
