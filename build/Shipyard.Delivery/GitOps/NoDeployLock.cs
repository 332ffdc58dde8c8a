using Shipyard.Delivery.Locks;

namespace Shipyard.Delivery.GitOps;

/// <summary>The lock used when none is configured: always granted at once, excludes nothing.</summary>
public sealed class NoDeployLock : IDeployLock
{
    /// <inheritdoc/>
    public Task<ILockHandle> AcquireAsync(string key, CancellationToken cancellationToken) => Task.FromResult<ILockHandle>(new Handle());

    private sealed class Handle : ILockHandle
    {
        public string FencingToken => "";

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
