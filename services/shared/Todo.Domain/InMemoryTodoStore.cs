namespace Todo.Domain;

/// <summary>Thread-safe in-memory store: the sample keeps no database so that it runs anywhere.</summary>
public sealed class InMemoryTodoStore(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, TodoItem> _items = [];
    private int _nextId = 1;

    /// <summary>Every todo, ordered by id.</summary>
    public IReadOnlyList<TodoItem> List()
    {
        lock (_gate) return [.. _items.Values];
    }

    /// <summary>The todo with <paramref name="id"/>, or null.</summary>
    public TodoItem? Find(int id)
    {
        lock (_gate) return _items.GetValueOrDefault(id);
    }

    /// <summary>Stores a new todo from a valid draft.</summary>
    public TodoItem Add(TodoDraft draft)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var item = new TodoItem(_nextId++, draft.Title!.Trim(), draft.Completed, now, draft.Completed ? now : null);
            _items[item.Id] = item;
            return item;
        }
    }

    /// <summary>Replaces title and completion of an existing todo; null when it does not exist.</summary>
    public TodoItem? Update(int id, TodoDraft draft)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var old)) return null;
            // Completing stamps the time once; re-opening clears it, so retention restarts on the next completion.
            var completedAt = draft.Completed ? old.CompletedAt ?? now : (DateTimeOffset?)null;
            var item = old with { Title = draft.Title!.Trim(), Completed = draft.Completed, CompletedAt = completedAt };
            _items[id] = item;
            return item;
        }
    }

    /// <summary>Removes a todo; false when it did not exist.</summary>
    public bool Remove(int id)
    {
        lock (_gate) return _items.Remove(id);
    }
}
