using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Todo.Domain;

namespace TodoWorker.Tests;

public sealed class PurgeWorkerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z", null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APassDeletesOnlyCompletedTodosPastRetention()
    {
        await using var api = await FakeTodoApi.StartAsync(
            new TodoItem(1, "old and done", true, Now.AddDays(-3), Now.AddDays(-2)),
            new TodoItem(2, "done just now", true, Now.AddHours(-1), Now.AddMinutes(-5)),
            new TodoItem(3, "still open", false, Now.AddDays(-9), null));
        using var http = new HttpClient { BaseAddress = api.Address };
        var worker = Worker(http, new WorkerOptions { KeepCompletedFor = TimeSpan.FromDays(1) });

        var purged = await worker.PurgeOnceAsync(Ct);

        purged.ShouldBe(1);
        api.Items.Keys.Order().ShouldBe([2, 3]);
    }

    [Fact]
    public async Task TheHostedWorkerTouchesTheHeartbeatAfterAPassThatReachedTheApi()
    {
        await using var api = await FakeTodoApi.StartAsync();
        var heartbeat = Path.Combine(Path.GetTempPath(), $"todo-worker-{Guid.NewGuid():N}");
        using var host = WorkerApp.Create([$"--Worker:ApiUrl={api.Address}", $"--Worker:HeartbeatFile={heartbeat}", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            await host.StartAsync(Ct);
            for (var i = 0; i < 100 && !File.Exists(heartbeat); i++) await Task.Delay(50, Ct);
            await host.StopAsync(Ct);

            File.Exists(heartbeat).ShouldBeTrue("the worker should write its heartbeat after its first pass");
        }
        finally
        {
            File.Delete(heartbeat);
        }
    }

    [Fact]
    public async Task AnUnreachableApiWritesNoHeartbeat()
    {
        var heartbeat = Path.Combine(Path.GetTempPath(), $"todo-worker-{Guid.NewGuid():N}");
        // Port 1 on loopback refuses connections at once.
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var worker = Worker(http, new WorkerOptions { HeartbeatFile = heartbeat, Interval = TimeSpan.FromMinutes(5) });

        await worker.StartAsync(Ct);
        await Task.Delay(300, Ct);
        await worker.StopAsync(Ct);

        File.Exists(heartbeat).ShouldBeFalse();
    }

    private static PurgeWorker Worker(HttpClient http, WorkerOptions options) =>
        new(new TodoApiClient(http), Options.Create(options), new FixedTime(Now), NullLogger<PurgeWorker>.Instance);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
