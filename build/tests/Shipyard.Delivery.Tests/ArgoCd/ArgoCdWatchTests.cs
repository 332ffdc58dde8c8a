using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>Following the application: the watch stream, a re-read on every connect, polling when the stream fails, the deadline.</summary>
public sealed class ArgoCdWatchTests : ArgoFixture
{
    /// <summary>Waits (on the test's token, never a timing assertion) until <paramref name="condition"/> holds.</summary>
    internal static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition()) await Task.Delay(5, TestContext.Current.CancellationToken);
    }

    private int ApplicationReads => Api.Requests.Count(r => r.StartsWith("GET /api/v1/applications/todo-api", StringComparison.Ordinal) && !r.Contains("resource-tree"));

    [Fact]
    public async Task TheWaitFollowsTheStreamAndReadsTheApplicationOnceOnConnect()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, OperationTicks = 20 });

        await Argo().SyncAsync("todo-api", New, null, Ct);

        Api.StreamConnections.ShouldBe(1);
        ApplicationReads.ShouldBe(1, "one GET on connect; every later state came through the stream");
        Api.Requests[0].ShouldBe("GET /api/v1/stream/applications?name=todo-api");
        app.Served.Count(s => s.Contains("op=Running")).ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task ADroppedStreamIsReopenedAndTheApplicationReadAgain()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, OperationTicks = 100_000 });
        var wait = Argo().SyncAsync("todo-api", New, null, Ct);
        await UntilAsync(() => app.SyncRequests == 1);

        Api.DropStreams();
        await UntilAsync(() => Api.StreamConnections == 2);
        app.FinishOperationNow();
        var result = await wait;

        result.Mode.ShouldBe(ArgoSyncMode.Requested);
        ApplicationReads.ShouldBe(2, "the application is read again on reconnect");
        Log.ToString().ShouldContain("todo-api: Argo CD closed the watch stream; reconnecting");
    }

    [Theory]
    [InlineData(FakeArgoStreamMode.Buffered, "the watch stream sent nothing for 0.1 s (a proxy may buffer it); polling instead")]
    [InlineData(FakeArgoStreamMode.Unavailable, "polling instead of watching")]
    public async Task WhenTheStreamIsBufferedOrRefusedTheWaitPolls(FakeArgoStreamMode mode, string logged)
    {
        Api.StreamMode = mode;
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, OperationTicks = 10 });

        var result = await Argo(silence: TimeSpan.FromMilliseconds(100)).SyncAsync("todo-api", New, null, Ct);

        result.Revision.ShouldBe(New);
        Log.ToString().ShouldContain($"todo-api: {logged}");
        ApplicationReads.ShouldBeGreaterThan(2);
        app.Served[^1].ShouldBe($"Synced/Healthy@{New} op=Succeeded");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheDeadlineEndsTheWaitWhenTheClockReachesItWithoutAnotherReadOrPause(bool watch)
    {
        // Auto-sync on, but the commit never reaches the tracked branch: Argo CD keeps showing the old revision.
        Api.Add(new FakeArgoApplication("todo-api", Old) { AutoSync = true });
        var clock = new ManualClock();

        var wait = Argo(timeout: TimeSpan.FromSeconds(6), watch: watch, time: clock).SyncAsync("todo-api", New, null, Ct);
        // Watching: blocked on the stream (deadline timer only); polling: in a pause (deadline and pause timers).
        await UntilAsync(() => Log.ToString().Contains("todo-api: Synced/Healthy") && clock.PendingTimers == (watch ? 1 : 2));
        clock.Advance(TimeSpan.FromSeconds(6));
        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => wait);

        error.Message.ShouldBe(
            "Argo CD application todo-api was not Synced at revision 1a2b3c4 within 00:00:06; " +
            "last seen: Synced/Healthy (revision 0ld0ld0, operation Succeeded for 0ld0ld0, waiting for 1a2b3c4). " +
            "Check it with 'argocd app get todo-api', or raise the Argo CD timeout.");
        if (watch) ApplicationReads.ShouldBe(1, "the deadline fired by itself, not at a next read");
    }
}
