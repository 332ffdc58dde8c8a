using System.Net;
using System.Net.Http.Json;
using Todo.Domain;

namespace TodoApi.Tests;

public sealed class TodoEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACreatedTodoIsListedAndCanBeFetchedByItsLocation()
    {
        await using var api = await RunningApi.StartAsync();

        var created = await api.Client.PostAsJsonAsync("/todos", new TodoDraft("write the pipeline"), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var item = await created.Content.ReadFromJsonAsync<TodoItem>(Ct);

        var fetched = await api.Client.GetFromJsonAsync<TodoItem>(created.Headers.Location, Ct);
        var all = await api.Client.GetFromJsonAsync<TodoItem[]>("/todos", Ct);

        fetched.ShouldBe(item);
        all.ShouldNotBeNull().Select(t => t.Title).ShouldBe(["write the pipeline"]);
    }

    [Fact]
    public async Task ATodoWithoutATitleIsRejectedWithAValidationProblem()
    {
        await using var api = await RunningApi.StartAsync();

        var response = await api.Client.PostAsJsonAsync("/todos", new TodoDraft("  "), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("title is required");
    }

    [Fact]
    public async Task CompletingATodoStampsTheCompletionTime()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T10:00:00Z", null));
        await using var api = await RunningApi.StartAsync(time);
        var created = await (await api.Client.PostAsJsonAsync("/todos", new TodoDraft("ship it"), Ct)).Content.ReadFromJsonAsync<TodoItem>(Ct);
        time.Now = time.Now.AddHours(1);

        var updated = await api.Client.PutAsJsonAsync($"/todos/{created!.Id}", new TodoDraft("ship it", Completed: true), Ct);

        var item = await updated.Content.ReadFromJsonAsync<TodoItem>(Ct);
        item.ShouldNotBeNull().Completed.ShouldBeTrue();
        item.CompletedAt.ShouldBe(time.Now);
    }

    [Fact]
    public async Task DeletingATodoRemovesItAndASecondDeleteIsNotFound()
    {
        await using var api = await RunningApi.StartAsync();
        var created = await api.Client.PostAsJsonAsync("/todos", new TodoDraft("temporary"), Ct);

        var first = await api.Client.DeleteAsync(created.Headers.Location, Ct);
        var second = await api.Client.DeleteAsync(created.Headers.Location, Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        second.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdatingAMissingTodoIsNotFound()
    {
        await using var api = await RunningApi.StartAsync();

        var response = await api.Client.PutAsJsonAsync("/todos/42", new TodoDraft("ghost"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
