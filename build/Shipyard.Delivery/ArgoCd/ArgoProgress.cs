namespace Shipyard.Delivery.ArgoCd;

/// <summary>Writes a progress line only when the application's sync/health/revision changes.</summary>
internal sealed class ArgoProgress(string application, string expectedRevision, TextWriter log)
{
    private string? _last;

    /// <summary>E.g. <c>OutOfSync/Progressing (revision 1a2b3c4, operation Running)</c>.</summary>
    public string Describe(ArgoApplication app)
    {
        var s = app.Status;
        var op = s?.OperationState is { Phase: { } phase } o ? $", operation {phase} for {ArgoCdSync.Short(o.SyncResult?.Revision)}" : "";
        var ours = s?.Sync?.Revision == expectedRevision ? "" : $", waiting for {ArgoCdSync.Short(expectedRevision)}";
        return $"{s?.Sync?.Status ?? "Unknown"}/{s?.Health?.Status ?? "Unknown"} (revision {ArgoCdSync.Short(s?.Sync?.Revision)}{op}{ours})";
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
