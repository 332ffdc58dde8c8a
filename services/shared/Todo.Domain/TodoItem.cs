namespace Todo.Domain;

/// <summary>One todo, as stored by the API and read by the worker (the JSON contract between them).</summary>
public sealed record TodoItem(int Id, string Title, bool Completed, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
