namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>
/// A clock fixed at one instant whose timers fire at once and remember what they were asked to wait: retry waits take
/// no time, and a test can still check that Retry-After was honoured and the total wait stayed within its budget.
/// </summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _waits = new();

    public static DateTimeOffset Noon { get; } = new(2025, 3, 14, 12, 30, 0, TimeSpan.Zero);

    public TestClock() : this(Noon)
    {
    }

    /// <summary>Every wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        if (dueTime != Timeout.InfiniteTimeSpan) ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
