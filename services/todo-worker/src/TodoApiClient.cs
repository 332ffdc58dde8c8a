using System.Net;
using System.Net.Http.Json;
using Todo.Domain;

namespace TodoWorker;

/// <summary>The part of the todo API the worker uses.</summary>
public sealed class TodoApiClient(HttpClient http)
{
    /// <summary>Every todo.</summary>
    public async Task<IReadOnlyList<TodoItem>> ListAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<TodoItem[]>("todos", cancellationToken) ?? [];

    /// <summary>Deletes a todo; a todo already gone counts as deleted (another replica may have won).</summary>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri($"todos/{id}", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
    }
}
