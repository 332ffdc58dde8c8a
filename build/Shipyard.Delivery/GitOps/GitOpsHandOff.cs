namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Racing writers on one GitOps branch push together instead of in turn. A writer whose push lost the race parks its
/// commits under <c>refs/gitops/&lt;branch&gt;/waiting/&lt;ticket&gt;</c> (a new ref: it cannot lose) and watches the refs.
/// The writer at the front (oldest live ticket) fetches the branch and every parked chain, applies its own changes
/// again on the tip, replays the other chains after them, and pushes it all in one atomic push that also deletes the
/// carried tickets. A writer whose ticket is gone finds its commits on the branch and is done without pushing again:
/// N racing writers cost about N + a few branch pushes, not N². Every ref update of the front's push is a
/// compare-and-swap, so two writers that both think it is their turn cost a retry, never an update; a chain that does
/// not replay cleanly (two writers changed the same lines) is left to its own writer, who applies its edit again
/// itself; a ticket older than the TTL belongs to a writer that died and is swept. The rules are in
/// <see cref="HandOffTurn"/>; refs and commits in <see cref="GitOpsClone"/>.
/// </summary>
internal sealed class GitOpsHandOff(GitOpsClone clone, string branch, GitOpsHandOffSettings settings, TimeProvider time, Random random, TextWriter log)
{
    private readonly string _prefix = HandOffRefs.Prefix(branch);
    private IReadOnlyList<KeyValuePair<string, string>> _fetched = [];

    /// <summary>
    /// True when the remote has live tickets right now: a race is under way, and this writer joins it rather than racing
    /// for the branch (one ref listing, no objects).
    /// </summary>
    public bool OthersWaiting() => HandOffRefs.From(branch, clone.ListRemote(_prefix).Refs).Waiting.Keys.Any(t => !HandOffTurn.IsStale(t, time.GetUtcNow(), settings.TicketTtl));

    /// <summary>Parks the chain ending at <paramref name="chainTip"/>; returns the ticket, or null when the remote refused the ref.</summary>
    public async Task<string?> ParkAsync(string chainTip)
    {
        var ticket = HandOffTurn.NewTicket(time.GetUtcNow());
        var refused = clone.PushNewRef(chainTip, HandOffRefs.WaitingRef(branch, ticket));
        if (refused is null) return ticket;
        await log.WriteLineAsync($"GitOps hand-off unavailable (the remote refused {HandOffRefs.WaitingRef(branch, ticket)}: {refused}); retrying with backoff");
        return null;
    }

    /// <summary>
    /// Watches the refs until it is this writer's turn or its ticket is gone; either way the clone is then reset to
    /// the fetched tip, with every parked chain fetched. At the front, it first looks until the tickets are still
    /// (<see cref="HandOffTurn.Gathering"/>), so the writers that lost the same race go in this push.
    /// </summary>
    /// <param name="ticket">This writer's ticket.</param>
    /// <param name="step">How long one push took this writer (a stalled front is one that takes many of them).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async Task<HandOffState> WaitAsync(string ticket, TimeSpan step, CancellationToken cancellationToken)
    {
        var stallAfter = step * 10 > settings.StallAfter ? step * 10 : settings.StallAfter;
        var (lastSeen, since, told) = ("", time.GetTimestamp(), false);
        long? front = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (tip, listed) = clone.ListRemote(_prefix);
            var refs = HandOffRefs.From(branch, listed);
            var seen = $"{tip} {string.Join(',', refs.Waiting.Keys.Order(StringComparer.Ordinal))}";
            if (seen != lastSeen) (lastSeen, since) = (seen, time.GetTimestamp());
            var quiet = time.GetElapsedTime(since);
            var decision = HandOffTurn.Decide(refs, ticket, time.GetUtcNow(), settings.TicketTtl, quiet, stallAfter);
            if (decision.State == HandOffState.Waiting)
            {
                if (!told)
                {
                    told = true;
                    await log.WriteLineAsync($"GitOps push rejected: {decision.Ahead} writer(s) ahead will push this commit with theirs");
                }
                // Further back looks less often: the front carries everyone at once, so all land about together.
                await Task.Delay(settings.Poll * (1 + (decision.Ahead / 3.0)) * (0.75 + (random.NextDouble() / 2)), time, cancellationToken);
                continue;
            }
            front ??= time.GetTimestamp();
            if (decision.State == HandOffState.MyTurn && quiet <= stallAfter && HandOffTurn.Gathering(quiet, time.GetElapsedTime(front.Value), settings.Poll))
            {
                await Task.Delay(settings.Poll, time, cancellationToken);
                continue;
            }
            if (quiet > stallAfter && decision.State == HandOffState.MyTurn)
                await log.WriteLineAsync($"GitOps hand-off: nothing moved for {quiet.TotalSeconds:0.#} s; taking the front from the writers ahead");
            _fetched = clone.FetchAndResetWith();
            // Read again from what was fetched: a writer that took over the front may have carried this chain meanwhile.
            return HandOffRefs.From(branch, _fetched).Waiting.ContainsKey(ticket) ? HandOffState.MyTurn : HandOffState.Gone;
        }
    }

    /// <summary>
    /// This writer's turn: replays every other live parked chain onto the clone's tip (its own changes already applied
    /// there) and pushes the branch and the deletion of the carried tickets in one atomic push. Returns why it was
    /// refused, or null.
    /// </summary>
    public async Task<string?> PushWithOthersAsync(string ticket, string parked, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refs = HandOffRefs.From(branch, _fetched);
        var updates = new List<GitOpsClone.RefUpdate>();
        foreach (var (other, chain) in HandOffTurn.Carried(refs, ticket, now, settings.TicketTtl))
        {
            // A chain that conflicts with a newer change is left to its writer, who applies its edit again itself.
            if (clone.Replay(chain) is not null) updates.Add(new(HandOffRefs.WaitingRef(branch, other), null, chain));
        }
        var carried = updates.Count;
        // Tickets of writers that died are swept, not carried.
        foreach (var (other, sha) in refs.Waiting.Where(w => w.Key != ticket && HandOffTurn.IsStale(w.Key, now, settings.TicketTtl)))
            updates.Add(new(HandOffRefs.WaitingRef(branch, other), null, sha));
        updates.Add(new(HandOffRefs.WaitingRef(branch, ticket), null, parked));
        updates.Insert(0, new($"refs/heads/{branch}", clone.Tip, clone.FetchedTip));
        if (carried > 0) await log.WriteLineAsync($"GitOps hand-off: pushing the commits of {carried} waiting writer(s) with this one");
        return await clone.PushRefsAsync(updates, cancellationToken);
    }

    /// <summary>
    /// This writer's parked commits as they landed on the fetched branch since <paramref name="parkedOn"/> (found by
    /// message), in order; null for one whose change was already there (the replay left it out) or that did not land.
    /// </summary>
    public IReadOnlyList<string?> FindOwn(string parkedOn, IReadOnlyList<string> parkedCommits)
    {
        var landed = clone.Since(parkedOn).ToList();
        return [.. parkedCommits.Select(commit =>
        {
            var message = clone.MessageOf(commit);
            var match = landed.FindIndex(l => l.Message == message);
            if (match < 0) return null;
            var sha = landed[match].Sha;
            landed.RemoveAt(match);
            return sha;
        })];
    }

    /// <summary>
    /// Takes this writer's chain back (the write failed or was cancelled). False when the ticket was already gone
    /// (another writer may have pushed the chain: the clone is then reset to the fetched branch so the caller can look).
    /// </summary>
    public async Task<bool> WithdrawAsync(string ticket, string parked)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (await clone.PushRefsAsync([new(HandOffRefs.WaitingRef(branch, ticket), null, parked)], timeout.Token) is null) return true;
            _fetched = clone.FetchAndResetWith();
            return false;
        }
        catch (Exception e) when (e is Shipyard.Engine.BuildFailedException or OperationCanceledException)
        {
            await log.WriteLineAsync($"GitOps hand-off: could not withdraw {HandOffRefs.WaitingRef(branch, ticket)} ({e.Message.Split('\n')[0]}); it expires after {settings.TicketTtl.TotalSeconds:0} s");
            return true;
        }
    }
}

/// <summary>Timing of the GitOps hand-off.</summary>
/// <param name="Poll">Pause between looks at the refs for the writer next in line (those further back look less often).</param>
/// <param name="StallAfter">Nothing moved for this long (or ten pushes' time, if longer): the front is presumed gone and the writer takes over.</param>
/// <param name="TicketTtl">Age after which a ticket is ignored and swept (its writer died).</param>
internal sealed record GitOpsHandOffSettings(TimeSpan Poll, TimeSpan StallAfter, TimeSpan TicketTtl);
