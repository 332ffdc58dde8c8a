namespace Shipyard.Delivery.Locks;

/// <summary>A held deploy lock. Disposing it releases the lock; disposing twice is harmless.</summary>
public interface ILockHandle : IAsyncDisposable
{
    /// <summary>
    /// Monotonic token of this holding (e.g. a lease generation or ref SHA), recorded in the deploy commit's
    /// <c>Deploy-Lock:</c> trailer so a stale holder's write can be recognised.
    /// </summary>
    string FencingToken { get; }
}
