using System.Globalization;
using Shipyard.Delivery.Locks;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// A first-come-first-served queue of writers on one GitOps branch, kept in the same repository: each writer that lost
/// a push race creates a ticket, a git-ref lock under <c>refs/locks/gitops-queue-&lt;branch&gt;/</c> named after its
/// time of arrival (created without force by <see cref="GitRefLockStore"/>), waits until no older live ticket remains,
/// pushes, and deletes its ticket. The queue only paces writers: git's compare-and-swap on the branch still decides
/// every push, so a writer that jumps the queue (clock skew, a stale ticket ignored after its TTL) costs a retry,
/// never an update. Waiters far back sleep in proportion to their place, so only the next in line polls: a queue of
/// twenty does not turn every release into twenty pushes.
/// </summary>
internal sealed class GitOpsWriteQueue(GitRefLockStore store, string branch, TimeSpan ttl, TimeSpan poll, TimeProvider time, TextWriter log)
{
    private string Prefix => $"gitops-queue-{branch}/";

    /// <summary>Takes a ticket and waits for its turn; disposing the result deletes the ticket.</summary>
    /// <param name="step">How long one writer's turn takes, about (the wait per place ahead in the queue).</param>
    /// <param name="cancellationToken">Stops the wait (the ticket is deleted).</param>
    public async Task<IAsyncDisposable> EnterAsync(TimeSpan step, CancellationToken cancellationToken)
    {
        var use = store.Use();
        var now = time.GetUtcNow();
        var key = $"{Prefix}{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        var ticket = await store.TryCreateAsync(key, new LockClaim($"gitops-writer-{Guid.NewGuid():N}", now, ttl), cancellationToken);
        if (ticket is null)
        {
            use.Dispose();
            throw new InvalidOperationException($"ticket {key} already existed");
        }
        var handle = new Ticket(store, key, ticket, use);
        try
        {
            var (first, firstAhead, turn) = (time.GetTimestamp(), -1, step / 2);
            while (await AheadAsync(key, cancellationToken) is var ahead and > 0)
            {
                if (firstAhead < 0)
                {
                    firstAhead = ahead;
                    await log.WriteLineAsync($"GitOps write queue: {ahead} writer(s) ahead");
                }
                else if (ahead < firstAhead)
                {
                    // The pace the queue really moves at (the first push, made while everyone raced, overstates a turn).
                    turn = time.GetElapsedTime(first) / (firstAhead - ahead);
                }
                // Wake a little before the writers ahead should be done, then look again: only the next in line polls.
                var pause = ahead == 1 ? poll : turn * (ahead - 1) * 0.8;
                await Task.Delay(pause > poll ? pause : poll, time, cancellationToken);
            }
            return handle;
        }
        catch
        {
            await handle.DisposeAsync();
            throw;
        }
    }

    // Tickets sort by arrival time; one older than the TTL belongs to a writer that died and is ignored.
    private async Task<int> AheadAsync(string key, CancellationToken cancellationToken)
    {
        var oldest = (time.GetUtcNow() - ttl).UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var tickets = await store.ListAsync(Prefix, cancellationToken);
        return tickets.Count(t => string.CompareOrdinal(t, key) < 0 && string.CompareOrdinal(t[Prefix.Length..], oldest) > 0);
    }

    private sealed class Ticket(GitRefLockStore store, string key, LockRecord record, IDisposable use) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await store.TryReleaseAsync(key, record, timeout.Token);
            }
            catch (Exception e) when (e is Shipyard.Engine.BuildFailedException or OperationCanceledException)
            {
                // The write itself is decided; a ticket left behind is ignored by the others once its TTL has passed.
            }
            finally
            {
                use.Dispose();
            }
        }
    }
}
