namespace Shipyard.Delivery.Locks;

/// <summary>How a deploy lock is waited for and kept.</summary>
public sealed record LockOptions
{
    /// <summary>This run's identity written into the lock, e.g. <c>todo-api-1234567</c> (app and run id).</summary>
    public required string Holder { get; init; }

    /// <summary>How long a holder that stopped renewing keeps the lock (a crashed run's lock expires after this).</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for a lock someone else holds before failing.</summary>
    public TimeSpan AcquireTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Mean pause between attempts; each pause is jittered between half and one and a half of it.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a held lock is renewed; default a third of <see cref="Ttl"/>.</summary>
    public TimeSpan? RenewInterval { get; init; }

    /// <summary>How long a release may take after the deploy was cancelled (it gets its own token).</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
