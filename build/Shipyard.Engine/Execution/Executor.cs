namespace Shipyard.Engine;

/// <summary>
/// Runs a plan target by target. After a failure the remaining targets are NotRun, unless the failed target
/// proceeds after failure (then only its dependents are NotRun) or a target is assured after failure.
/// Cancellation stops the running target through its token; assured targets still run, with an uncancelled token.
/// A target that failed only through some of its fan-out items does not stop later fan-out targets: they run, and
/// each item whose name failed (or did not run) earlier is NotRun, so one service's failure stops only that service.
/// </summary>
internal sealed class Executor(BuildModel model, ExecutionPlan plan, IReadOnlyDictionary<string, string> skipReasons, ExecutionSettings settings)
{
    /// <summary>The exit code of a cancelled build: 128 + SIGINT, as shells report an interrupted command.</summary>
    public const int CancelledExitCode = 130;

    private readonly List<RowState> _rows = [];
    private readonly Dictionary<string, RowState> _targets = [];

    // Item name → why it stops: the first earlier target row in which the item failed or did not run.
    private readonly Dictionary<string, string> _stoppedItems = new(StringComparer.Ordinal);

    public async Task<RunRecord> RunAsync()
    {
        var started = settings.Time.GetTimestamp();
        var failing = Failing.No;
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
            var stopped = node.AssuredAfterFailure ? null : _stoppedItems;
            await new TargetRunner(node, row, _rows, settings, token, stopped).RunAsync();
            RememberStoppedItems(name);
            if (row.Status == TargetStatus.Failed && !node.ProceedAfterFailure)
                failing = row.FailedByItems && failing != Failing.Target ? Failing.Items : Failing.Target;
        }

        var cancelled = settings.Cancellation.IsCancellationRequested;
        var failed = _rows.Any(r => r.Status == TargetStatus.Failed);
        var exitCode = cancelled ? CancelledExitCode : _rows.Any(r => r.UsageError) ? 2 : failed ? 1 : 0;
        return new RunRecord([.. _rows.Select(r => r.Freeze(settings.Secrets))], plan.Targets,
            settings.Time.GetElapsedTime(started), exitCode, cancelled);
    }

    private enum Failing { No, Items, Target }

    private void RememberStoppedItems(string target)
    {
        foreach (var item in _rows.Where(r => r.Target == target && r.Item is not null && r.Status is TargetStatus.Failed or TargetStatus.NotRun))
            _stoppedItems.TryAdd(item.Item!, item.Status == TargetStatus.Failed ? $"{target} ({item.Item}) failed" : item.Note ?? $"{target} ({item.Item}) did not run");
    }

    private (TargetStatus Status, string Note)? WhyNotRun(TargetNode node, Failing failing)
    {
        if (skipReasons.TryGetValue(node.Name, out var skip)) return (TargetStatus.Skipped, skip);
        if (!node.AssuredAfterFailure)
        {
            if (settings.Cancellation.IsCancellationRequested) return (TargetStatus.NotRun, "cancelled");
            // After item failures, a fan-out target goes on with the items that have not failed.
            var perItem = node.FanOuts.Count > 0 && failing != Failing.Target;
            if (failing != Failing.No && !perItem) return (TargetStatus.NotRun, "an earlier target failed");
            var brokenDependency = plan.Edges
                .Where(e => e.To == node.Name && e.Kind == PlanEdgeKind.Dependency)
                .Select(e => _targets[e.From])
                .FirstOrDefault(r => r.Status is TargetStatus.Failed or TargetStatus.NotRun && !(perItem && r.FailedByItems));
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
