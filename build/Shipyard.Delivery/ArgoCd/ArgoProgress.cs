namespace Shipyard.Delivery.ArgoCd;

/// <summary>Writes a progress line only when the application's sync/health/revision changes.</summary>
internal sealed class ArgoProgress(string application, ArgoRevisionCheck revisions, TextWriter log)
{
    private string? _last;

    /// <summary>
    /// E.g. <c>OutOfSync/Progressing (revision 1a2b3c4, operation Running for 1a2b3c4)</c>; a revision other than ours
    /// says whether it contains ours (<c>revision 1a2b3c4, which contains ours 9f8e7d6</c>) or what the wait is for.
    /// </summary>
    public string Describe(ArgoApplication app)
    {
        var s = app.Status;
        var revision = s?.Sync?.Revision;
        var op = s?.OperationState is { Phase: { } phase } o ? $", operation {phase} for {ArgoCdSync.Short(o.SyncResult?.Revision)}" : "";
        var ours = revision == revisions.Ours ? ""
            : revisions.Current.Accepts(revision) ? $", which contains ours {ArgoCdSync.Short(revisions.Ours)}" : "";
        var waiting = revisions.Current.Accepts(revision) ? "" : $", {revisions.WaitingFor(revision)}";
        return $"{s?.Sync?.Status ?? "Unknown"}/{s?.Health?.Status ?? "Unknown"} (revision {ArgoCdSync.Short(revision)}{ours}{op}{waiting})";
    }

    /// <summary>Logs the state if it differs from the last one logged.</summary>
    public async Task ReportAsync(ArgoApplication app)
    {
        var line = $"{application}: {Describe(app)}";
        if (line == _last) return;
        _last = line;
        await log.WriteLineAsync(line);
    }
}
