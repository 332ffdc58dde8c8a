using System.Diagnostics;
using Shipyard.Engine;

namespace Shipyard.Delivery.Locks;

/// <summary>
/// Waits for, takes over, renews and releases a deploy lock kept in an <see cref="ILockStore"/>. A lock whose holder
/// stopped renewing for longer than its TTL is taken over (and reported); a free lock is simply taken.
/// </summary>
internal sealed class DeployLock(ILockStore store, LockOptions options, TimeProvider time, TextWriter log) : IDeployLock
{
    /// <inheritdoc />
    public async Task<ILockHandle> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        // Released by the handle, or here when acquiring fails: the store's local resources go with the last use.
        var use = store.Use();
        try
        {
            return await AcquireCoreAsync(key, use, cancellationToken);
        }
        catch
        {
            use.Dispose();
            throw;
        }
    }

    private async Task<ILockHandle> AcquireCoreAsync(string key, IDisposable use, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + options.AcquireTimeout;
        LockRecord? lastSeen = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var held = await TryAcquireOnceAsync(key, cancellationToken);
            if (held.Record is { } record)
            {
                var waited = time.GetElapsedTime(started);
                await log.WriteLineAsync(
                    $"lock {key} acquired by {options.Holder} ({store.Describe(key)}, fencing token {record.FencingToken}) after {waited.TotalSeconds:0.0}s");
                if (!store.IsAtomic)
                    await log.WriteLineAsync(
                        $"warning: {store.Describe(key)} is check-then-set, not atomic: two runs can both believe they hold lock {key}. Prefer --deploy-lock lease or git-ref.");
                return new LockHandle(key, record, store, options, time, log, use);
            }

            if (held.Current is { } current && !Same(current, lastSeen))
                await log.WriteLineAsync($"lock {key} held by {current.Holder} until {current.ExpiresAt:u}; waiting");
            lastSeen = held.Current ?? lastSeen;

            var now = time.GetUtcNow();
            if (now >= deadline)
                throw new BuildFailedException(
                    $"Timed out after {options.AcquireTimeout} waiting for the deploy lock {key} ({store.Describe(key)}), " +
                    $"held by {lastSeen?.Holder ?? "unknown"} until {lastSeen?.ExpiresAt:u}. " +
                    "Another deploy of this service is running; retry when it finishes, or raise --lock-timeout.");
            var pause = Jitter(options.RetryInterval);
            if (now + pause > deadline) pause = deadline - now;
            await Task.Delay(pause, time, cancellationToken);
        }
    }

    private async Task<(LockRecord? Record, LockRecord? Current)> TryAcquireOnceAsync(
        string key, CancellationToken cancellationToken)
    {
        var claim = new LockClaim(options.Holder, time.GetUtcNow(), options.Ttl);
        var current = await store.ReadAsync(key, cancellationToken);
        if (current is null)
            return (await store.TryCreateAsync(key, claim, cancellationToken), null);
        if (current.IsFree)
            return (await store.TryTakeOverAsync(key, current, claim, cancellationToken), null);
        if (current.ExpiresAt > claim.Now)
            return (null, current);

        await log.WriteLineAsync($"lock {key} held by {current.Holder} expired at {current.ExpiresAt:u}; taking over");
        return (await store.TryTakeOverAsync(key, current, claim, cancellationToken), current);
    }

    private static bool Same(LockRecord a, LockRecord? b) => b is not null && a.Holder == b.Holder && a.FencingToken == b.FencingToken;

    private static TimeSpan Jitter(TimeSpan mean)
    {
        // Half to one and a half of the mean, so contenders started together do not retry in lock-step.
        Debug.Assert(mean >= TimeSpan.Zero);
        return mean * (0.5 + Random.Shared.NextDouble());
    }
}
