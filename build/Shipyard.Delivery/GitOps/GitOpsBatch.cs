using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Commits a batch of changes in one clone, one commit each, and pushes them together. When the push is rejected
/// because the branch moved, the batch parks its commits for the writer at the front of the hand-off, which pushes
/// them with its own (<see cref="GitOpsHandOff"/>); when it is at the front itself, it fetches the new tip, applies
/// every change again from scratch (an edit no longer needed then makes no commit) and pushes the waiting writers'
/// commits with its own. Without the hand-off (or when the remote refuses its refs) it retries with jittered
/// exponential backoff. At most <see cref="GitOpsRepositorySettings.MaxAttempts"/> pushes either way.
/// </summary>
internal sealed class GitOpsBatch(
    GitOpsClone clone, List<PendingWrite> batch, GitOpsRepositorySettings settings, TextWriter log, TimeProvider time, Random random)
{
    private readonly List<PendingWrite> _active = [.. batch];
    private readonly GitOpsHandOff? _handOff = settings.HandOff
        ? new GitOpsHandOff(clone, settings.Branch, new GitOpsHandOffSettings(settings.HandOffPoll, settings.HandOffStallAfter, settings.HandOffTicketTtl), time, random, log)
        : null;
    private Parked? _parked;
    private bool _parkTried;

    private sealed record Applied(PendingWrite Write, ManifestEditResult Edit, string? Commit, string Head);

    // A chain handed to the front: its ticket, its tip, the branch tip it was made on, and the changes in it.
    private sealed record Parked(string Ticket, string Chain, string On, List<Applied> Changes);

    public async Task RunAsync()
    {
        try
        {
            await PushLoopAsync();
        }
        catch (Exception e)
        {
            // A parked chain may have been pushed by another writer before it could be taken back: then it landed.
            if (_parked is { } parked && !await _handOff!.WithdrawAsync(parked.Ticket, parked.Chain) && await CompleteLandedAsync(parked, 1))
            {
                await log.WriteLineAsync("GitOps: this write had already landed with another writer's push when it stopped");
                return;
            }
            foreach (var p in _active)
            {
                if (e is OperationCanceledException) p.Cancel();
                else p.Fail(e);
            }
        }
    }

    private CancellationToken Cancellation => _active.Count == 1 ? _active[0].CancellationToken : CancellationToken.None;

    // Every push counts as an attempt: to the branch, of a waiting ticket, or the front's push.
    private async Task PushLoopAsync()
    {
        var (step, pushes) = (TimeSpan.Zero, 0);
        for (var round = 1; ; round++)
        {
            var applied = Apply();
            if (applied.Count == 0 && _parked is null) return;
            var committed = applied.Any(a => a.Commit is not null);
            var started = time.GetTimestamp();
            // Writers already waiting: join them instead of racing them for the branch.
            if (round == 1 && committed && _handOff is not null && _handOff.OthersWaiting())
            {
                pushes++;
                if (await TryParkAsync(applied) is { } joined)
                {
                    await log.WriteLineAsync("GitOps: other writers are waiting on this branch; handing this commit to the one at the front");
                    if (await WaitForTurnAsync(joined, pushes, time.GetElapsedTime(started))) return;
                    continue;
                }
            }
            string? rejection;
            if (_parked is { } parked)
            {
                pushes++;
                rejection = await _handOff!.PushWithOthersAsync(parked.Ticket, parked.Chain, CancellationToken.None);
                if (rejection is null) _parked = null;
            }
            else if (committed)
            {
                pushes++;
                rejection = await clone.PushAsync(CancellationToken.None);
            }
            else
            {
                rejection = null;
            }
            if (step == TimeSpan.Zero) step = time.GetElapsedTime(started);
            if (rejection is null)
            {
                foreach (var a in applied) a.Write.Complete(new GitOpsWriteResult(a.Commit, a.Head, a.Edit, pushes));
                return;
            }
            if (pushes >= settings.MaxAttempts)
                throw new BuildFailedException(
                    $"GitOps push to {clone.Name} was rejected {pushes} times ({rejection}): other writers kept moving the branch. " +
                    "Nothing of this deploy was pushed; run the deploy again.");

            if (_parked is null && _handOff is not null && !_parkTried)
            {
                pushes++;
                await TryParkAsync(applied);
            }
            if (_parked is { } waiting)
            {
                if (await WaitForTurnAsync(waiting, pushes, step)) return;
                continue;
            }
            await BackOffAsync(pushes, rejection, applied.Count);
            clone.FetchAndReset();
        }
    }

    // Parks the clone's chain (made on the fetched tip) for the front; null when the remote refused the ticket.
    private async Task<Parked?> TryParkAsync(List<Applied> applied)
    {
        _parkTried = true;
        return _parked = await _handOff!.ParkAsync(clone.Tip) is { } ticket ? new Parked(ticket, clone.Tip, clone.FetchedTip, applied) : null;
    }

    // True when the parked chain landed with another writer's push; false when it is this writer's turn to push
    // (the clone is at the fetched tip) or its ticket went without its commits landing (write again from scratch).
    private async Task<bool> WaitForTurnAsync(Parked parked, int attempt, TimeSpan step)
    {
        var state = await _handOff!.WaitAsync(parked.Ticket, step, Cancellation);
        if (state == HandOffState.MyTurn)
        {
            await log.WriteLineAsync($"GitOps hand-off: this writer is at the front; applying {parked.Changes.Count} change(s) again on the new tip (attempt {attempt + 1} of {settings.MaxAttempts})");
            return false;
        }
        _parked = null;
        if (await CompleteLandedAsync(parked, attempt)) return true;
        _parkTried = false;
        await log.WriteLineAsync("GitOps hand-off: this writer's ticket went without its commits landing (expired); writing again");
        return false;
    }

    // Results for a chain another writer pushed, from the fetched branch: each change's landed commit and its edit as
    // applied there. False when none of its commits is on the branch (nothing completed).
    private async Task<bool> CompleteLandedAsync(Parked parked, int attempts)
    {
        var committed = parked.Changes.Where(a => a.Commit is not null).ToList();
        var own = _handOff!.FindOwn(parked.On, [.. committed.Select(a => a.Commit!)]);
        if (own.All(c => c is null)) return false;
        var found = committed.Zip(own).ToDictionary(x => x.First.Write, x => x.Second);
        var tip = clone.FetchedTip;
        foreach (var a in parked.Changes)
        {
            var commit = found.GetValueOrDefault(a.Write);
            var edit = EditAt(a, commit is null ? tip : clone.ParentOf(commit));
            a.Write.Complete(new GitOpsWriteResult(commit, commit ?? tip, edit, attempts));
        }
        await log.WriteLineAsync($"GitOps: landed with another writer's push ({tip[..7]})");
        return true;
    }

    // The change's edit as it applies to the file at that commit (its Previous is the version it replaced there).
    private ManifestEditResult EditAt(Applied a, string? commit)
    {
        try
        {
            if (commit is not null && clone.TextAt(commit, a.Write.Change.Path) is { } text) return a.Write.Change.Edit(text, a.Write.Change.Path);
        }
        catch (Exception e) when (e is UsageException or BuildFailedException or InvalidOperationException)
        {
            // The edit refuses that content (e.g. a guard): the edit as first applied still describes the change.
        }
        return a.Edit;
    }

    private async Task BackOffAsync(int attempt, string rejection, int count)
    {
        var delay = Backoff(attempt);
        await log.WriteLineAsync($"GitOps push rejected ({rejection}); applying {count} change(s) again on the new tip in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1} of {settings.MaxAttempts})");
        await Task.Delay(delay, time);
    }

    // Applies each active change on the current tip as its own commit; a change that fails leaves the batch with its error.
    private List<Applied> Apply()
    {
        var applied = new List<Applied>();
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
                var content = clone.ManifestAtTip(p.Change.Path);
                var edit = p.Change.Edit(content.Text, p.Change.Path);
                var sha = edit.Changed ? clone.CommitFile(p.Change.Path, content with { Text = edit.Text }, p.Change.Message, settings.Identity, time.GetUtcNow()) : null;
                applied.Add(sha is null ? new(p, edit, null, clone.Tip) : new(p, edit, sha, sha));
            }
            catch (Exception e)
            {
                // Nothing of a failed change is in the clone: its commit is the last thing it makes.
                p.Fail(e);
                _active.Remove(p);
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
