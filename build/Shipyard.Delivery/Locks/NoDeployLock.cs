namespace Shipyard.Delivery.Locks;

/// <summary><c>--deploy-lock none</c>: nothing is locked (a single runner, or CI <c>concurrency:</c> groups do it).</summary>
internal sealed class NoDeployLock(TextWriter log) : IDeployLock
{
    /// <inheritdoc />
    public async Task<ILockHandle> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"lock {key}: no deploy lock configured (--deploy-lock none)");
        return new NoLockHandle();
    }

    private sealed class NoLockHandle : ILockHandle
    {
        public string FencingToken => "none";

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
