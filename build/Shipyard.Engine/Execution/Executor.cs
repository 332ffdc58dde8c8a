namespace Shipyard.Engine;

/// <summary>
/// Runs a plan target by target. After a failure the remaining targets are NotRun, unless the failed target
/// proceeds after failure (then only its dependents are NotRun) or a target is assured after failure.
/// Cancellation stops the running target through its token; assured targets still run, with an uncancelled token.
/// </summary>
internal sealed class Executor(BuildModel model, ExecutionPlan plan, IReadOnlyDictionary<string, string> skipReasons, ExecutionSettings settings)
{
    /// <summary>The exit code of a cancelled build: 128 + SIGINT, as shells report an interrupted command.</summary>
    public const int CancelledExitCode = 130;

    private readonly List<RowState> _rows = [];
    private readonly Dictionary<string, RowState> _targets = [];

    public async Task<RunRecord> RunAsync()
    {
        var started = settings.Time.GetTimestamp();
        var failing = false;
        foreach (var name in plan.Targets)
        {
            var node = model.Get(name);
            var row = new RowState(name, null);
            _rows.Add(row);
            _targets[name] = row;
            if (WhyNotRun(node, failing) is { } reason)
            {
                row.Status = reason.Status;
                row.Note = reason.Note;
                continue;
            }
            var token = node.AssuredAfterFailure ? CancellationToken.None : settings.Cancellation;
            await new TargetRunner(node, row, _rows, settings, token).RunAsync();
            if (row.Status == TargetStatus.Failed && !node.ProceedAfterFailure) failing = true;
        }

        var cancelled = settings.Cancellation.IsCancellationRequested;
        var failed = _rows.Any(r => r.Status == TargetStatus.Failed);
        var exitCode = cancelled ? CancelledExitCode : _rows.Any(r => r.UsageError) ? 2 : failed ? 1 : 0;
        return new RunRecord([.. _rows.Select(r => r.Freeze(settings.Secrets))], plan.Targets,
            settings.Time.GetElapsedTime(started), exitCode, cancelled);
    }

    private (TargetStatus Status, string Note)? WhyNotRun(TargetNode node, bool failing)
    {
        if (skipReasons.TryGetValue(node.Name, out var skip)) return (TargetStatus.Skipped, skip);
        if (!node.AssuredAfterFailure)
        {
            if (settings.Cancellation.IsCancellationRequested) return (TargetStatus.NotRun, "cancelled");
            if (failing) return (TargetStatus.NotRun, "an earlier target failed");
            var brokenDependency = plan.Edges
                .Where(e => e.To == node.Name && e.Kind == PlanEdgeKind.Dependency)
                .Select(e => _targets[e.From])
                .FirstOrDefault(r => r.Status is TargetStatus.Failed or TargetStatus.NotRun);
            if (brokenDependency is not null)
                return (TargetStatus.NotRun, $"dependency {brokenDependency.Target} {(brokenDependency.Status == TargetStatus.Failed ? "failed" : "did not run")}");
        }
        foreach (var condition in node.DynamicConditions)
        {
            try
            {
                if (!condition.IsTrue()) return (TargetStatus.Skipped, $"{condition.Text} is false");
            }
            catch (Exception e)
            {
                return (TargetStatus.Failed, $"condition {condition.Text} threw {e.GetType().Name}: {e.Message}");
            }
        }
        return null;
    }
}
