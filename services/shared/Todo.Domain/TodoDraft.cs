namespace Todo.Domain;

/// <summary>What a client sends to create or replace a todo.</summary>
public sealed record TodoDraft(string? Title, bool Completed = false)
{
    /// <summary>Longest title accepted.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Why the draft cannot be stored, or null when it is valid.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Title) ? "title is required"
        : Title.Length > MaxTitleLength ? $"title is longer than {MaxTitleLength} characters"
        : null;
}
