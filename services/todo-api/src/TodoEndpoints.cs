using Todo.Domain;

namespace TodoApi;

/// <summary>CRUD endpoints for todos under <c>/todos</c>.</summary>
public static class TodoEndpoints
{
    /// <summary>Maps the todo endpoints on <paramref name="app"/>.</summary>
    public static IEndpointRouteBuilder MapTodoEndpoints(this IEndpointRouteBuilder app)
    {
        var todos = app.MapGroup("/todos");
        todos.MapGet("/", (InMemoryTodoStore store) => Results.Ok(store.List()));
        todos.MapGet("/{id:int}", (int id, InMemoryTodoStore store) =>
            store.Find(id) is { } item ? Results.Ok(item) : Results.NotFound());
        todos.MapPost("/", (TodoDraft draft, InMemoryTodoStore store) =>
        {
            if (draft.Problem() is { } problem) return Results.ValidationProblem(Errors(problem));
            var item = store.Add(draft);
            return Results.Created($"/todos/{item.Id}", item);
        });
        todos.MapPut("/{id:int}", (int id, TodoDraft draft, InMemoryTodoStore store) =>
        {
            if (draft.Problem() is { } problem) return Results.ValidationProblem(Errors(problem));
            return store.Update(id, draft) is { } item ? Results.Ok(item) : Results.NotFound();
        });
        todos.MapDelete("/{id:int}", (int id, InMemoryTodoStore store) =>
            store.Remove(id) ? Results.NoContent() : Results.NotFound());
        return app;
    }

    private static Dictionary<string, string[]> Errors(string problem) => new() { ["title"] = [problem] };
}
