namespace Shipyard.Delivery.Locks;

/// <summary>
/// A held lock: renews it in the background every <see cref="LockOptions.RenewInterval"/> and releases it on
/// dispose with a token of its own, so a cancelled (Ctrl-C) or failed deploy still frees the lock.
/// </summary>
internal sealed class LockHandle : ILockHandle
{
    private readonly string _key;
    private readonly ILockStore _store;
    private readonly LockOptions _options;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewLoop;
    private readonly IDisposable? _resources;
    private LockRecord _record;
    private int _released;

    public LockHandle(string key, LockRecord record, ILockStore store, LockOptions options, TimeProvider time, TextWriter log, IDisposable? resources = null)
    {
        (_key, _record, _store, _options, _time, _log, _resources) = (key, record, store, options, time, log, resources);
        _renewLoop = Task.Run(RenewLoopAsync);
    }

    /// <inheritdoc />
    public string FencingToken => _record.FencingToken;

    /// <summary>Cancelled when a renewal finds the lock taken by someone else (our TTL ran out while we were stalled).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Releases the lock once; later calls do nothing. Never throws: a release that fails is reported and the lock
    /// lapses after its TTL, so the deploy's own failure (the reason we are here) is not replaced by a lock error.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        try
        {
            await ReleaseAsync();
        }
        finally
        {
            _resources?.Dispose();
        }
    }

    private async Task ReleaseAsync()
    {
        await _stopRenewing.CancelAsync();
        try { await _renewLoop; } catch (OperationCanceledException) { }
        _stopRenewing.Dispose();
        if (_lost.IsCancellationRequested) return;
        try
        {
            using var timeout = new CancellationTokenSource(_options.ReleaseTimeout, _time);
            var freed = await _store.TryReleaseAsync(_key, _record, timeout.Token);
            await _log.WriteLineAsync(freed
                ? $"lock {_key} released by {_options.Holder}"
                : $"warning: lock {_key} was no longer held by {_options.Holder} at release (taken over after its TTL)");
        }
        catch (Exception e)
        {
            await _log.WriteLineAsync(
                $"warning: releasing lock {_key} failed ({e.Message}); it expires on its own at {_record.ExpiresAt:u}");
        }
    }

    private async Task RenewLoopAsync()
    {
        var interval = _options.RenewInterval ?? _options.Ttl / 3;
        while (!_stopRenewing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stopRenewing.Token);
                var claim = new LockClaim(_options.Holder, _time.GetUtcNow(), _options.Ttl);
                // Not cancelled by the release: a renewal cut off after the server applied it would leave us
                // without the new version, and the release's compare-and-swap would then fail.
                using var timeout = new CancellationTokenSource(_options.ReleaseTimeout, _time);
                var renewed = await _store.TryRenewAsync(_key, _record, claim, timeout.Token);
                if (renewed is null)
                {
                    await _log.WriteLineAsync($"warning: lock {_key} was taken from {_options.Holder} while held; its TTL ran out before a renewal");
                    await _lost.CancelAsync();
                    return;
                }
                _record = renewed;
            }
            catch (OperationCanceledException) when (_stopRenewing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed renewal is retried at the next tick; the lock only lapses after a whole TTL without one.
                await _log.WriteLineAsync($"warning: renewing lock {_key} failed: {e.Message}");
            }
        }
    }
}
