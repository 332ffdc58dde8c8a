namespace Shipyard.Engine;

/// <summary>Runs one target: its actions in order, then its fan-outs with bounded parallelism, one row per item.</summary>
/// <remarks>
/// <paramref name="stoppedItems"/> maps item names that failed (or did not run) in an earlier target to why: such an
/// item is NotRun here, so one service's failure stops only that service's later stages.
/// </remarks>
internal sealed class TargetRunner(
    TargetNode node, RowState row, List<RowState> rows, ExecutionSettings settings, CancellationToken token,
    IReadOnlyDictionary<string, string>? stoppedItems = null)
{
    public async Task RunAsync()
    {
        var host = settings.Host;
        var started = settings.Time.GetTimestamp();
        host.BeginTarget(node.Name);
        try
        {
            var context = new RunContext(row, settings.Output, host, token);
            foreach (var action in node.Actions)
            {
                if (row.SkipReason is not null) break;
                await action(context);
            }
            var failedItems = 0;
            var totalItems = 0;
            foreach (var fanOut in node.FanOuts)
            {
                if (row.SkipReason is not null) break;
                var items = fanOut.Items();
                totalItems += items.Count;
                failedItems += await RunItemsAsync(items);
            }
            if (failedItems > 0)
            {
                row.Status = TargetStatus.Failed;
                row.FailedByItems = true;
                row.Note ??= $"{failedItems} of {totalItems} items failed";
            }
            else if (rows.Count(r => r.Target == node.Name && r.Item is not null && r.Status == TargetStatus.NotRun) is > 0 and var stopped)
            {
                row.Status = stopped == totalItems ? TargetStatus.NotRun : TargetStatus.Succeeded;
                row.Note ??= $"{stopped} of {totalItems} items not run (they failed earlier)";
            }
            else if (totalItems > 0 && rows.Where(r => r.Target == node.Name && r.Item is not null).All(r => r.Status == TargetStatus.Skipped))
            {
                row.Status = TargetStatus.Skipped;
                row.Note ??= totalItems == 1 ? "its item was skipped" : $"all {totalItems} items were skipped";
            }
            else if (row.SkipReason is not null)
            {
                row.Status = TargetStatus.Skipped;
                row.Note = row.SkipReason;
            }
            else row.Status = TargetStatus.Succeeded;
        }
        catch (Exception e)
        {
            row.Status = TargetStatus.Failed;
            row.Note = Report(e, node.Name, settings.Output);
        }
        finally
        {
            row.Duration = settings.Time.GetElapsedTime(started);
            settings.Output.Flush();
            host.EndTarget(node.Name);
        }
    }

    private async Task<int> RunItemsAsync(IReadOnlyList<FanOutItem> items)
    {
        var itemRows = items.Select(i => new RowState(node.Name, i.Name)).ToList();
        rows.AddRange(itemRows);
        using var gate = new SemaphoreSlim(settings.Parallelism);
        var tasks = items.Select((item, index) => RunItemAsync(item, itemRows[index], gate));
        await Task.WhenAll(tasks);
        return itemRows.Count(r => r.Status == TargetStatus.Failed);
    }

    private async Task RunItemAsync(FanOutItem item, RowState itemRow, SemaphoreSlim gate)
    {
        await gate.WaitAsync(CancellationToken.None);
        var started = settings.Time.GetTimestamp();
        // Each item writes whole lines prefixed with its name, so parallel output stays readable.
        var output = new LineWriter(line => settings.Output.WriteLine($"[{item.Name}] {line}"));
        try
        {
            if (token.IsCancellationRequested)
            {
                itemRow.Note = "cancelled";
                return;
            }
            if (stoppedItems is not null && stoppedItems.TryGetValue(item.Name, out var stopped))
            {
                itemRow.Note = stopped;
                return;
            }
            var context = new RunContext(itemRow, output, settings.Host, token);
            await Task.Run(() => item.Run(context), CancellationToken.None);
            itemRow.Status = itemRow.SkipReason is null ? TargetStatus.Succeeded : TargetStatus.Skipped;
            if (itemRow.SkipReason is not null) itemRow.Note = itemRow.SkipReason;
        }
        catch (Exception e)
        {
            output.Flush();
            itemRow.Status = TargetStatus.Failed;
            itemRow.Note = Report(e, $"{node.Name} ({item.Name})", output);
        }
        finally
        {
            output.Flush();
            itemRow.Duration = settings.Time.GetElapsedTime(started);
            gate.Release();
        }
    }

    /// <summary>Expected failures show their message; cancellations say so; anything else shows its stack trace too.</summary>
    private string Report(Exception e, string name, TextWriter output)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        switch (e)
        {
            case OperationCanceledException when token.IsCancellationRequested:
                settings.Host.Error($"{name} was cancelled.");
                return "cancelled";
            case BuildFailedException or UsageException:
                // Bad input found only once the target runs (a service name that does not exist ...) exits with 2.
                if (e is UsageException) row.UsageError = true;
                settings.Host.Error($"{name}: {e.Message}");
                return FirstLine(e.Message);
            default:
                settings.Host.Error($"{name}: {e.GetType().Name}: {e.Message}");
                output.WriteLine(e.StackTrace);
                return FirstLine($"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
