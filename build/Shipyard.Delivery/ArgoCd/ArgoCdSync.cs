using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Syncs an Argo CD application to a pushed GitOps commit and waits until that commit is live: the application's
/// synced revision is the commit, the last operation Succeeded for it, and health is Healthy. Seeing the OLD
/// revision Synced+Healthy is never success. Asks for a refresh so the change is seen now rather than at the next
/// poll (120 s by default). Syncs only when auto-sync is off; waits for a running operation instead of colliding.
/// </summary>
internal sealed class ArgoCdSync(ArgoCdClient client, ArgoCdOptions options, TimeProvider time, TextWriter log) : IArgoCd
{
    /// <inheritdoc />
    public async Task<ArgoSyncResult> SyncAndWaitAsync(string application, string expectedRevision, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Timeout;
        var progress = new ArgoProgress(application, expectedRevision, log);
        var app = await client.GetApplicationAsync(application, refresh: true, cancellationToken);
        var autoSync = app.AutoSync;
        var syncRequested = autoSync;
        while (true)
        {
            await progress.ReportAsync(app);
            var verdict = ArgoVerdict.Of(app, expectedRevision);
            if (verdict == ArgoVerdict.Live)
                return new ArgoSyncResult(application, expectedRevision, app.Status!.Sync!.Status!, app.Status.Health!.Status!,
                    autoSync ? "auto-sync is on: Argo CD applied the commit itself" : null);
            if (verdict == ArgoVerdict.Degraded)
                throw new BuildFailedException(
                    $"Argo CD application {application} is Degraded at revision {Short(expectedRevision)}: {app.Status?.Health?.Message ?? "no message"}. " +
                    "Inspect the failing resources (argocd app get " + application + ") and fix or roll back.");
            if (verdict == ArgoVerdict.SyncFailed)
                throw new BuildFailedException(
                    $"Argo CD sync of {application} to {Short(expectedRevision)} ended {app.Status?.OperationState?.Phase}: " +
                    $"{app.Status?.OperationState?.Message ?? "no message"}. Fix the manifests in the GitOps repository and deploy again.");

            if (!syncRequested && !app.OperationInProgress && ArgoVerdict.NeedsSync(app, expectedRevision))
                syncRequested = await TrySyncAsync(application, expectedRevision, cancellationToken);

            if (time.GetUtcNow() >= deadline)
                throw new BuildFailedException(
                    $"Argo CD application {application} did not become Synced and Healthy at revision {Short(expectedRevision)} within {options.Timeout}; " +
                    $"last seen: {progress.Describe(app)}. Check it with 'argocd app get {application}', or raise --argocd-timeout.");
            await Task.Delay(options.PollInterval, time, cancellationToken);
            // Refresh until Argo CD has seen our commit; after that, plain reads follow the operation.
            var seen = app.Status?.Sync?.Revision == expectedRevision;
            app = await client.GetApplicationAsync(application, refresh: !seen, cancellationToken);
        }
    }

    /// <summary>Starts the sync; false when Argo CD refused because another operation runs (we wait for it and retry).</summary>
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

    internal static string Short(string? revision) => revision is { Length: > 7 } ? revision[..7] : revision ?? "none";
}
