using Shipyard.Engine.Tests.Support;

namespace Shipyard.Engine.Tests.Execution;

public static class FanOutTests
{
    private sealed class ServicesBuild : BuildBase
    {
        private int _running;
        public int MaxRunning;
        public string[] Items = ["todo-api", "todo-web", "todo-worker", "todo-cron", "todo-mail"];
        public string? Failing;

        Target Test => _ => _.ExecutesForEach(() => Items, s => s, async (service, context) =>
        {
            var now = Interlocked.Increment(ref _running);
            lock (Items) MaxRunning = Math.Max(MaxRunning, now);
            context.Output.WriteLine($"testing {service}");
            await Task.Delay(30, context.CancellationToken);
            Interlocked.Decrement(ref _running);
            if (service == Failing) throw new BuildFailedException($"tests of {service} failed");
            if (service == "todo-cron") context.Skip("no tests");
            context.Note($"{service} ok");
            context.Fact("tests", "12");
        });
    }

    [Fact]
    public static async Task ItemsRunInParallelUpToTheParallelism()
    {
        using var run = new TestRun();
        var build = new ServicesBuild();
        (await run.RunAsync(build, "Test --parallelism 2")).ShouldBe(0);
        build.MaxRunning.ShouldBe(2);
    }

    [Fact]
    public static async Task ParallelismOneRunsItemsOneAtATime()
    {
        using var run = new TestRun();
        var build = new ServicesBuild();
        (await run.RunAsync(build, "Test --parallelism 1")).ShouldBe(0);
        build.MaxRunning.ShouldBe(1);
    }

    [Fact]
    public static async Task EachItemHasItsOwnRowWithNoteFactsAndSkip()
    {
        using var run = new TestRun();
        var build = new ServicesBuild();
        await run.RunAsync(build, "Test");
        var rows = build.Record!.Rows;
        rows.Select(r => r.DisplayName).ShouldBe(
            ["Test", "Test (todo-api)", "Test (todo-web)", "Test (todo-worker)", "Test (todo-cron)", "Test (todo-mail)"]);
        rows[1].Note.ShouldBe("todo-api ok");
        rows[1].Facts["tests"].ShouldBe("12");
        rows[4].Status.ShouldBe(TargetStatus.Skipped);
        rows[4].Note.ShouldBe("no tests");
    }

    [Fact]
    public static async Task OneFailingItemFailsTheTargetWhileTheOthersFinish()
    {
        using var run = new TestRun();
        var build = new ServicesBuild { Failing = "todo-web" };
        (await run.RunAsync(build, "Test --parallelism 2")).ShouldBe(1);
        var rows = build.Record!.Rows;
        rows[0].ShouldSatisfyAllConditions(r => r.Status.ShouldBe(TargetStatus.Failed), r => r.Note.ShouldBe("1 of 5 items failed"));
        rows.Count(r => r.Status == TargetStatus.Succeeded).ShouldBe(3);
        rows.Single(r => r.Item == "todo-web").Note.ShouldBe("tests of todo-web failed");
        run.Output.ShouldContain("Test (todo-web): tests of todo-web failed");
    }

    [Fact]
    public static async Task ItemOutputLinesArePrefixedWithTheItemName()
    {
        using var run = new TestRun();
        await run.RunAsync(new ServicesBuild(), "Test");
        run.Output.ShouldContain("[todo-api] testing todo-api\n");
        run.Output.ShouldContain("[todo-mail] testing todo-mail\n");
    }

    [Fact]
    public static async Task ParallelismBelowOneIsAUsageError()
    {
        using var run = new TestRun();
        (await run.RunAsync(new ServicesBuild(), "Test --parallelism 0")).ShouldBe(2);
    }
}
