namespace Shipyard.Delivery.Locks;

/// <summary>
/// Where a deploy lock lives. Every write is a compare-and-swap (or says so when it is not, see
/// <see cref="IsAtomic"/>); a write that loses the race returns null instead of throwing.
/// <see cref="DeployLock"/> builds waiting, take-over, renewal and release on top.
/// </summary>
internal interface ILockStore
{
    /// <summary>Where the lock lives, for messages (e.g. <c>Lease deploy/deploy-lock-todo-api</c>).</summary>
    string Describe(string key);

    /// <summary>False when two writers can both win (check-then-set); the acquirer then warns.</summary>
    bool IsAtomic { get; }

    /// <summary>The lock's current state, or null when no lock object exists.</summary>
    Task<LockRecord?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates the lock held by <paramref name="claim"/>; null when it already exists.</summary>
    Task<LockRecord?> TryCreateAsync(string key, LockClaim claim, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="current"/> (free or expired) with <paramref name="claim"/>; null when it changed meanwhile.</summary>
    Task<LockRecord?> TryTakeOverAsync(string key, LockRecord current, LockClaim claim, CancellationToken cancellationToken);

    /// <summary>Moves the renew time of our holding forward; null when we no longer hold it.</summary>
    Task<LockRecord?> TryRenewAsync(string key, LockRecord held, LockClaim claim, CancellationToken cancellationToken);

    /// <summary>Frees our holding; false when we no longer held it.</summary>
    Task<bool> TryReleaseAsync(string key, LockRecord held, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the store in use from an acquisition until its release: local resources it makes (a scratch repository,
    /// a helper script) live until the last use is disposed, then are deleted. Stores with none return a no-op.
    /// </summary>
    IDisposable Use() => NoResources.Instance;

    private sealed class NoResources : IDisposable
    {
        public static readonly NoResources Instance = new();

        public void Dispose() { }
    }
}
