using Shipyard.Delivery.Records;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

// The per-service delivery records of the run, and what reads them: facts, job outputs and notifiers.
partial class Pipeline
{
    [Parameter("Environment the deploys go to, as reports name it (GitHub deployments, Slack); default 'local' locally, 'production' in CI")]
    readonly string? DeployEnvironment = null;

    /// <summary>What each service's stages did, stage by stage: the input of Verify, Rollback and every report.</summary>
    internal DeliveryLedger Ledger { get; } = new();

    /// <summary>Who hears about the run (the Slack and GitHub notifiers, and tests' own).</summary>
    internal List<IDeliveryNotifier> Notifiers { get; } = [];

    DeliveryNotifiers? _notifiers;
    DeliveryNotifiers RunNotifiers => _notifiers ??= new DeliveryNotifiers(Notifiers, Log);

    CiRun? _ciRun;
    bool _ciRunRead;

    /// <summary>The CI run this build belongs to, read once from the environment; null locally.</summary>
    CiRun? CiRun
    {
        get
        {
            if (!_ciRunRead) (_ciRun, _ciRunRead) = (Shipyard.Delivery.Versioning.CiRun.From(Environment), true);
            return _ciRun;
        }
    }

    /// <summary>Records a stage's outcome for a service; its facts, job outputs and notifications are views of the record.</summary>
    async Task RecordAsync(TargetContext context, string service, StageEntry entry)
    {
        var record = Ledger.Update(service, r => r.With(entry));
        foreach (var (key, value) in DeliveryFacts.Of(entry)) context.Fact(key, value);
        if (entry.Status != StageStatus.Failed) context.Note(entry.Note);
        foreach (var (name, value) in DeliveryFacts.Outputs(record)) Host.SetOutput(name, value);
        await RunNotifiers.ServiceUpdatedAsync(record);
    }

    // After Ctrl-C, what each service was left at and what to run next; where the time went (wall, time inside external
    // tools by tool, our own orchestration: ToolTimeSummary says how overlapping fan-out is counted), saved for later
    // reports (Reliability reads it); then the notifiers.
    protected override async Task OnFinishedAsync(RunRecord record)
    {
        if (record.Cancelled) await Log.WriteLineAsync(await InterruptedLineAsync());
        var time = ToolTimes.Summarize();
        await Log.WriteLineAsync(time.Line);
        SaveRun(record, time);
        await RunNotifiers.RunFinishedAsync(new FinishedRun(Ledger.All, record.ExitCode, record.Cancelled, record.Duration, _version, CiRun,
            DeployEnvironmentName));
    }

    // Only in a repository with a .nuke folder (scratch roots stay clean); a disk that refuses is a warning, never the result.
    void SaveRun(RunRecord record, Shipyard.Delivery.Processes.ToolTimeSummary time)
    {
        if (!Directory.Exists(Path.Combine(RootDirectory, ".nuke"))) return;
        var targets = record.Rows.GroupBy(r => r.Target).ToDictionary(g => g.Key,
            g => (g.Any(r => r.Status == TargetStatus.Failed) ? TargetStatus.Failed : g.First().Status).ToString());
        try
        {
            SavedRuns.Of(RootDirectory).Save(new SavedRun(Time.GetUtcNow(), targets, record.ExitCode, time));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Host.Warning($"The run's times were not saved to .nuke/temp/runs: {e.Message}");
        }
    }
}
