using Shipyard.Benchmarks.GitOps;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>
/// Racing writers hand their commits to the writer at the front, which pushes them with its own: separate repository
/// objects (like separate CI jobs) against a real bare remote, races forced from inside the edits.
/// </summary>
[Trait("Reliability", "concurrency")]
public sealed class GitOpsHandOffTests : IDisposable
{
    private const string Kustomization = "images:\n- name: {0}\n  newName: reg/{0}\n  newTag: old1234\n";
    private static readonly string[] Services = ["todo-api", "todo-web", "todo-worker", "todo-cache"];
    private readonly string _work = Directory.CreateTempSubdirectory("gitops-handoff-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string FileOf(string service) => $"deploy/{service}/kustomization.yaml";

    private static GitOpsChange Change(string service, string tag, Func<int, Task>? beforeEdit = null)
    {
        var calls = 0;
        return new(FileOf(service), (text, path) =>
        {
            beforeEdit?.Invoke(++calls).GetAwaiter().GetResult();
            return ManifestEditors.For(ManifestKind.Kustomize).Edit(text, path,
                new GitOpsManifest { Path = path, ImageName = service, Application = service }, new ImageReference("reg", service, tag));
        }, $"Update {service} to version {tag}\n");
    }

    private GitOpsRepository Open(GitOpsBareRepository remote, TextWriter log, bool handOff = true, TimeSpan? stallAfter = null) =>
        new(new GitOpsRepositorySettings
        {
            Url = remote.FileUrl,
            WorkRoot = _work,
            HandOff = handOff,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            HandOffStallAfter = stallAfter ?? TimeSpan.FromSeconds(30),
        }, log, TimeProvider.System);

    private static Task<GitOpsBareRepository> RemoteAsync() => GitOpsBareRepository.CreateAsync(Services.ToDictionary(FileOf,
        s => string.Format(System.Globalization.CultureInfo.InvariantCulture, Kustomization, s)));

    private static async Task<string[]> TicketsAsync(GitOpsBareRepository remote) =>
        (await remote.GitAsync("for-each-ref", "--format=%(refname)", "refs/gitops/")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition()) await Task.Delay(20, timeout.Token);
    }

    // Another writer moves the branch on the first edit only: the push after it is rejected.
    private static Func<int, Task> RaceOnce(GitOpsBareRepository remote, string file) =>
        call => call == 1 ? remote.CommitAsync(file, $"# moved by another writer {Guid.NewGuid():N}\n", "Another writer") : Task.CompletedTask;

    [Fact]
    public async Task AWriterAloneAtTheFrontAppliesItsChangeAgainAndLeavesNoRefs()
    {
        using var remote = await RemoteAsync();
        var log = new StringWriter();

        var result = await Open(remote, log).WriteAsync(Change("todo-api", "api1234", RaceOnce(remote, FileOf("todo-cache"))), TestContext.Current.CancellationToken);

        result.Attempts.ShouldBe(3); // the rejected push, the ticket, the push as the front
        log.ToString().ShouldContain("this writer is at the front");
        log.ToString().ShouldNotContain(" ms (attempt");
        (await remote.LogAsync()).Select(l => l[41..]).ShouldBe(["Update todo-api to version api1234", "Another writer", "Seed manifests"]);
        (await TicketsAsync(remote)).ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheWriterAtTheFrontPushesAWaitingWritersCommitAndThatWriterIsDoneWithoutPushingAgain()
    {
        using var remote = await RemoteAsync();
        var (frontLog, waiterLog) = (new StringWriter(), new StringWriter());
        var ct = TestContext.Current.CancellationToken;
        // The front re-applies its change only once the waiter parked, so the waiter's chain is there to carry.
        var front = Open(remote, frontLog).WriteAsync(Change("todo-api", "api1234", async call =>
        {
            if (call == 1) await remote.CommitAsync(FileOf("todo-cache"), "# a\n", "Another writer");
            else await UntilAsync(async () => (await TicketsAsync(remote)).Length == 2);
        }), ct);
        await UntilAsync(async () => (await TicketsAsync(remote)).Length == 1);
        var waiter = await Open(remote, waiterLog).WriteAsync(Change("todo-web", "web5678", RaceOnce(remote, FileOf("todo-cache"))), ct);
        var first = await front;

        waiter.Attempts.ShouldBe(1, waiterLog.ToString()); // its ticket only: it saw the front waiting and never raced for the branch
        waiterLog.ToString().ShouldContain("other writers are waiting on this branch");
        waiterLog.ToString().ShouldContain("1 writer(s) ahead will push this commit with theirs");
        waiterLog.ToString().ShouldContain("landed with another writer's push");
        frontLog.ToString().ShouldContain("pushing the commits of 1 waiting writer(s) with this one");
        first.Attempts.ShouldBe(4); // rejected, ticket, front push rejected (the waiter's own race moved the branch after the front fetched), front push
        (await remote.LogAsync()).Select(l => l[41..]).ShouldBe(
            ["Update todo-web to version web5678", "Update todo-api to version api1234", "Another writer", "Another writer", "Seed manifests"]);
        (await remote.GitAsync("rev-parse", "main")).Trim().ShouldBe(waiter.Commit);
        (await remote.GitAsync("rev-parse", "main~1")).Trim().ShouldBe(first.Commit);
        waiter.Edit.Previous!.Tag.ShouldBe("old1234");
        (await remote.ShowAsync(FileOf("todo-web"))).ShouldContain("newTag: web5678");
        (await remote.GitAsync("rev-list", "--merges", "main")).ShouldBeEmpty();
        (await TicketsAsync(remote)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AChainThatNoLongerAppliesIsLeftToItsWriterWhoAppliesItsEditAgainAfterTheFront()
    {
        using var remote = await RemoteAsync();
        var (frontLog, waiterLog) = (new StringWriter(), new StringWriter());
        var ct = TestContext.Current.CancellationToken;
        var front = Open(remote, frontLog).WriteAsync(Change("todo-api", "api1111", async call =>
        {
            if (call == 1) await remote.CommitAsync(FileOf("todo-cache"), "# a\n", "Another writer");
            else await UntilAsync(async () => (await TicketsAsync(remote)).Length == 2);
        }), ct);
        await UntilAsync(async () => (await TicketsAsync(remote)).Length == 1);
        // The same line of the same manifest: the waiter's commit conflicts with the front's re-applied edit.
        var waiter = await Open(remote, waiterLog).WriteAsync(Change("todo-api", "api2222", RaceOnce(remote, FileOf("todo-cache"))), ct);
        await front;

        frontLog.ToString().ShouldNotContain("pushing the commits of");
        waiter.Attempts.ShouldBe(2, waiterLog.ToString());
        waiterLog.ToString().ShouldContain("this writer is at the front");
        waiter.Edit.Previous!.Tag.ShouldBe("api1111");
        (await remote.ShowAsync(FileOf("todo-api"))).ShouldContain("newTag: api2222");
        (await remote.LogAsync()).Select(l => l[41..]).Take(2).ShouldBe(["Update todo-api to version api2222", "Update todo-api to version api1111"]);
        (await TicketsAsync(remote)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFrontThatStalledIsTakenOverAndItsLiveChainIsCarriedAlong()
    {
        using var remote = await RemoteAsync();
        var ct = TestContext.Current.CancellationToken;
        // A writer that parked a commit and then stopped answering (its ticket is older, so it is at the front).
        await remote.CommitAsync(FileOf("todo-worker"), "images:\n- name: todo-worker\n  newName: reg/todo-worker\n  newTag: wrk9999\n", "Update todo-worker to version wrk9999");
        var parked = (await remote.GitAsync("rev-parse", "main")).Trim();
        await remote.GitAsync("update-ref", "refs/heads/main", "main~1");
        await remote.GitAsync("update-ref", $"refs/gitops/main/waiting/{HandOffTurn.NewTicket(DateTimeOffset.UtcNow.AddSeconds(-5))}", parked);
        var log = new StringWriter();

        var result = await Open(remote, log, stallAfter: TimeSpan.FromMilliseconds(300))
            .WriteAsync(Change("todo-api", "api1234", RaceOnce(remote, FileOf("todo-cache"))), ct);

        result.Attempts.ShouldBe(2);
        log.ToString().ShouldContain("taking the front");
        log.ToString().ShouldContain("pushing the commits of 1 waiting writer(s)");
        (await remote.ShowAsync(FileOf("todo-worker"))).ShouldContain("newTag: wrk9999");
        (await remote.ShowAsync(FileOf("todo-api"))).ShouldContain("newTag: api1234");
        (await TicketsAsync(remote)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ATicketOlderThanItsTtlIsSweptNotCarried()
    {
        using var remote = await RemoteAsync();
        await remote.CommitAsync(FileOf("todo-worker"), "images: []\n", "A dead writer's change");
        var parked = (await remote.GitAsync("rev-parse", "main")).Trim();
        await remote.GitAsync("update-ref", "refs/heads/main", "main~1");
        await remote.GitAsync("update-ref", $"refs/gitops/main/waiting/{HandOffTurn.NewTicket(DateTimeOffset.UtcNow.AddHours(-1))}", parked);

        await Open(remote, TextWriter.Null).WriteAsync(Change("todo-api", "api1234", RaceOnce(remote, FileOf("todo-cache"))), TestContext.Current.CancellationToken);

        (await remote.LogAsync()).ShouldNotContain(l => l.Contains("dead writer", StringComparison.Ordinal));
        (await TicketsAsync(remote)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AWaitingWriterThatIsCancelledTakesItsChainBackAndNothingOfItLands()
    {
        using var remote = await RemoteAsync();
        var older = $"refs/gitops/main/waiting/{HandOffTurn.NewTicket(DateTimeOffset.UtcNow.AddSeconds(-1))}";
        await remote.GitAsync("update-ref", older, "main"); // a live writer ahead that never pushes
        using var cancel = new CancellationTokenSource();
        var write = Open(remote, TextWriter.Null).WriteAsync(Change("todo-api", "api1234", RaceOnce(remote, FileOf("todo-cache"))), cancel.Token);
        await UntilAsync(async () => (await TicketsAsync(remote)).Length == 2);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => write);
        (await TicketsAsync(remote)).ShouldBe([older]);
        (await remote.ShowAsync(FileOf("todo-api"))).ShouldContain("newTag: old1234");
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public void TheFrontLooksAgainUntilTheTicketsAreStillForTwoLooksButNotLongerThanTwelve()
    {
        var poll = TimeSpan.FromMilliseconds(40);

        HandOffTurn.Gathering(quietFor: TimeSpan.Zero, frontFor: TimeSpan.Zero, poll).ShouldBeTrue();
        HandOffTurn.Gathering(quietFor: TimeSpan.FromMilliseconds(79), frontFor: TimeSpan.FromMilliseconds(200), poll).ShouldBeTrue();
        HandOffTurn.Gathering(quietFor: TimeSpan.FromMilliseconds(80), frontFor: TimeSpan.FromMilliseconds(200), poll).ShouldBeFalse();
        // Tickets that keep coming do not hold the front back for ever.
        HandOffTurn.Gathering(quietFor: TimeSpan.Zero, frontFor: TimeSpan.FromMilliseconds(480), poll).ShouldBeFalse();
    }

    [Fact]
    public void TicketsSortByArrivalAndTheOldestLiveOneIsAtTheFront()
    {
        var now = DateTimeOffset.UtcNow;
        var (dead, first, second) = (HandOffTurn.NewTicket(now.AddMinutes(-10)), HandOffTurn.NewTicket(now.AddSeconds(-2)), HandOffTurn.NewTicket(now.AddSeconds(-1)));
        var refs = HandOffRefs.From("main", new Dictionary<string, string>
        {
            [HandOffRefs.WaitingRef("main", dead)] = "d",
            [HandOffRefs.WaitingRef("main", first)] = "f",
            [HandOffRefs.WaitingRef("main", second)] = "s",
            ["refs/heads/main"] = "m",
            ["refs/gitops/other/waiting/x"] = "x",
        });
        var ttl = TimeSpan.FromMinutes(2);

        var third = HandOffTurn.NewTicket(now);
        refs = refs with { Waiting = new Dictionary<string, string>(refs.Waiting) { [third] = "t" } };
        var (stall, quiet) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        HandOffTurn.Decide(refs, first, now, ttl, quiet, stall).State.ShouldBe(HandOffState.MyTurn);
        HandOffTurn.Decide(refs, second, now, ttl, quiet, stall).ShouldBe(new HandOffDecision(HandOffState.Waiting, Ahead: 1));
        // A quiet front is taken over by the next in line first; the one behind it waits twice as long.
        HandOffTurn.Decide(refs, second, now, ttl, TimeSpan.FromSeconds(6), stall).State.ShouldBe(HandOffState.MyTurn);
        HandOffTurn.Decide(refs, third, now, ttl, TimeSpan.FromSeconds(6), stall).ShouldBe(new HandOffDecision(HandOffState.Waiting, Ahead: 2));
        HandOffTurn.Decide(refs, third, now, ttl, TimeSpan.FromSeconds(11), stall).State.ShouldBe(HandOffState.MyTurn);
        HandOffTurn.Decide(refs, HandOffTurn.NewTicket(now.AddSeconds(1)), now, ttl, quiet, stall).State.ShouldBe(HandOffState.Gone);
        HandOffTurn.Carried(refs, first, now, ttl).Select(c => c.Key).ShouldBe([second, third]);
        HandOffTurn.IsStale("not-a-ticket", now, ttl).ShouldBeTrue();
    }

    [Fact]
    public async Task WithoutTheHandOffAWriterThatLosesTheRaceBacksOffAndRetries()
    {
        using var remote = await RemoteAsync();
        var log = new StringWriter();

        var result = await Open(remote, log, handOff: false).WriteAsync(Change("todo-api", "api1234", RaceOnce(remote, FileOf("todo-cache"))), TestContext.Current.CancellationToken);

        result.Attempts.ShouldBe(2);
        log.ToString().ShouldContain("ms (attempt 2 of 10)");
        (await TicketsAsync(remote)).ShouldBeEmpty();
        (await remote.GitAsync("rev-list", "--merges", "main")).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriterProcessesRacingOnOneBranchAllLandWithLinearHistory()
    {
        var figures = await new GitOpsProcessBenchmark(_work, ContenderProcess.Command).RunAsync(5, handOff: true, TestContext.Current.CancellationToken);

        figures.Landed.ShouldBe(5);
        figures.Linear.ShouldBeTrue();
        figures.TotalAttempts.ShouldBeGreaterThanOrEqualTo(5);
        figures.ToString().ShouldContain("5/5 landed, history linear");
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriterProcessesRacingOverHttpWithLatencyAndATokenAllLand()
    {
        var figures = await new GitOpsProcessBenchmark(_work, ContenderProcess.Command)
            .RunAsync(4, handOff: true, TestContext.Current.CancellationToken, roundTrip: TimeSpan.FromMilliseconds(20));

        figures.Landed.ShouldBe(4);
        figures.Linear.ShouldBeTrue();
        figures.Setup.ShouldBe("separate processes, hand-off, git over HTTP with 20 ms round trips");
        // One push over the proxy takes several round trips: the latency is really there.
        figures.SingleWrite.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(80));
        Directory.EnumerateFileSystemEntries(_work).ShouldBeEmpty();
    }
}
