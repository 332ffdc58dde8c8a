using Shipyard.Delivery.Locks;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>A deploy lock that records acquisitions and releases, handing out increasing fencing tokens.</summary>
internal sealed class RecordingDeployLock : IDeployLock
{
    private int _generation;
    private int _held;

    public List<string> Events { get; } = [];

    public int Held => Volatile.Read(ref _held);

    public Task<ILockHandle> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = $"{key}-{Interlocked.Increment(ref _generation)}";
        Interlocked.Increment(ref _held);
        lock (Events) Events.Add($"acquire {token}");
        return Task.FromResult<ILockHandle>(new Handle(this, token));
    }

    private sealed class Handle(RecordingDeployLock owner, string token) : ILockHandle
    {
        public string FencingToken => token;

        public ValueTask DisposeAsync()
        {
            Interlocked.Decrement(ref owner._held);
            lock (owner.Events) owner.Events.Add($"release {token}");
            return ValueTask.CompletedTask;
        }
    }
}
