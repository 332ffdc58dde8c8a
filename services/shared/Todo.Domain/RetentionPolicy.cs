namespace Todo.Domain;

/// <summary>Completed todos are kept for a while (so a user can undo), then purged by the worker.</summary>
public sealed record RetentionPolicy(TimeSpan KeepCompletedFor)
{
    /// <summary>True when <paramref name="item"/> was completed longer ago than the retention period.</summary>
    public bool IsExpired(TodoItem item, DateTimeOffset now) =>
        item is { Completed: true, CompletedAt: { } completedAt } && now - completedAt >= KeepCompletedFor;
}
