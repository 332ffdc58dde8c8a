using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Commits a batch of changes in one clone, one commit each, and pushes them together. When the push is rejected
/// because the branch moved, it resets to the new tip and applies every change again from scratch (an edit that is
/// no longer needed then makes no commit), at most <see cref="GitOpsRepositorySettings.MaxAttempts"/> times.
/// With a write <paramref name="queue"/> the first rejection queues this writer behind the others (tickets in the same
/// repository) and every retry is immediate once its turn came: racing writers then push one after another, about
/// twice each, instead of colliding again after each backoff. Without one (or when the queue ref cannot be
/// written) it retries with jittered exponential backoff.
/// </summary>
internal sealed class GitOpsBatch(
    GitOpsClone clone, List<PendingWrite> batch, GitOpsRepositorySettings settings, TextWriter log, TimeProvider time, Random random,
    GitOpsWriteQueue? queue = null)
{
    private readonly List<PendingWrite> _active = [.. batch];
    private IAsyncDisposable? _queued;
    private bool _queueTried;
    private TimeSpan _firstPush;

    public async Task RunAsync()
    {
        try
        {
            await CommitAndPushAsync();
        }
        catch (Exception e)
        {
            foreach (var p in _active) p.Fail(e);
        }
    }

    private async Task CommitAndPushAsync()
    {
        try
        {
            await PushLoopAsync();
        }
        finally
        {
            if (_queued is not null) await _queued.DisposeAsync();
        }
    }

    // Holding the queue, a rejection means a writer that has not queued (its first push) got in first: no sleep then.
    private async Task BeforeRetryAsync(int attempt, string rejection, int count)
    {
        if (_queued is null && queue is not null && !_queueTried)
        {
            _queueTried = true;
            _queued = await TryQueueAsync(rejection);
            if (_queued is not null) return;
        }
        if (_queued is not null)
        {
            await log.WriteLineAsync($"GitOps push rejected ({rejection}) while holding the write queue; applying {count} change(s) again on the new tip now (attempt {attempt + 1} of {settings.MaxAttempts})");
            return;
        }
        var delay = Backoff(attempt);
        await log.WriteLineAsync($"GitOps push rejected ({rejection}); applying {count} change(s) again on the new tip in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1} of {settings.MaxAttempts})");
        await Task.Delay(delay, time);
    }

    // The queue is an optimisation: a remote that refuses the ticket refs falls back to backoff.
    private async Task<IAsyncDisposable?> TryQueueAsync(string rejection)
    {
        await log.WriteLineAsync($"GitOps push rejected ({rejection}); queuing behind the other writers of {clone.Name}");
        try
        {
            // Every write of the batch comes from one run, so any of their cancellations stops the wait.
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource([.. _active.Select(p => p.CancellationToken)]);
            return await queue!.EnterAsync(_firstPush, cancel.Token);
        }
        catch (BuildFailedException e)
        {
            await log.WriteLineAsync($"GitOps write queue unavailable ({e.Message.Split('\n')[0]}); retrying with backoff instead");
            return null;
        }
    }

    private async Task PushLoopAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var applied = Apply();
            if (applied.Count == 0) return;
            var started = time.GetTimestamp();
            var rejection = applied.Any(a => a.Commit is not null) ? await clone.PushAsync(CancellationToken.None) : null;
            if (attempt == 1) _firstPush = time.GetElapsedTime(started);
            if (rejection is null)
            {
                foreach (var (p, edit, commit, head) in applied) p.Complete(new GitOpsWriteResult(commit, head, edit, attempt));
                return;
            }
            if (attempt >= settings.MaxAttempts)
                throw new BuildFailedException(
                    $"GitOps push to {clone.Name} was rejected {attempt} times ({rejection}): other writers kept moving the branch. " +
                    "Nothing of this deploy was pushed; run the deploy again.");

            await BeforeRetryAsync(attempt, rejection, applied.Count);
            clone.FetchAndReset();
        }
    }

    // Applies each active change on the current tip as its own commit; a change that fails leaves the batch with its error.
    private List<(PendingWrite Write, ManifestEditResult Edit, string? Commit, string Head)> Apply()
    {
        var applied = new List<(PendingWrite, ManifestEditResult, string?, string)>();
        foreach (var p in _active.ToList())
        {
            if (p.CancellationToken.IsCancellationRequested)
            {
                p.Cancel();
                _active.Remove(p);
                continue;
            }
            try
            {
                var file = ManifestFile.Resolve(clone.Directory, p.Change.Path);
                var content = ManifestFile.Read(file, p.Change.Path, clone.Name);
                var edit = p.Change.Edit(content.Text, p.Change.Path);
                if (!edit.Changed)
                {
                    applied.Add((p, edit, null, clone.Tip));
                    continue;
                }
                ManifestFile.Write(file, content with { Text = edit.Text });
                var sha = clone.Commit(p.Change.Path, p.Change.Message, settings.Identity, time.GetUtcNow());
                applied.Add((p, edit, sha, sha));
            }
            catch (Exception e)
            {
                p.Fail(e);
                _active.Remove(p);
                clone.ResetHard();
            }
        }
        return applied;
    }

    // Full jitter: uniform in [0, min(max, base·2^(attempt-1))], so racing writers spread out instead of colliding again.
    private TimeSpan Backoff(int attempt)
    {
        var window = Math.Min(settings.MaxDelay.TotalMilliseconds, settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(random.NextDouble() * window);
    }
}
