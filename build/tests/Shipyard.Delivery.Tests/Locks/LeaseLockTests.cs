using System.Diagnostics;
using System.Text.Json.Nodes;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Locks;

[Trait("Reliability", "faults")]
public sealed class LeaseLockTests : IAsyncLifetime
{
    private FakeKubernetesApi _api = null!;
    private readonly StringWriter _log = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await FakeKubernetesApi.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private DeployLock Contender(string holder, TimeSpan? ttl = null, TimeSpan? timeout = null, TimeSpan? retry = null) =>
        new(new LeaseLockStore(_api.CreateClient(), "deploy"),
            new LockOptions
            {
                Holder = holder,
                Ttl = ttl ?? TimeSpan.FromSeconds(30),
                AcquireTimeout = timeout ?? TimeSpan.FromSeconds(60),
                RetryInterval = retry ?? TimeSpan.FromMilliseconds(2),
            },
            TimeProvider.System, TextWriter.Synchronized(_log));

    private JsonObject? Lease(string name) =>
        _api.Store.Get(KubernetesResourceType.Lease, "deploy", name).Body["spec"] as JsonObject;

    [Fact]
    public async Task TwoContendersWithSeparateClientsNeverHoldTheLeaseAtTheSameTimeOverAThousandAcquisitions()
    {
        var outcome = await LockContention.RunAsync([Contender("run-a"), Contender("run-b")], "todo-api", 500, Ct);

        outcome.Acquisitions.ShouldBe(1000);
        outcome.Overlaps.ShouldBe(0);
        outcome.Tokens.Distinct().Count().ShouldBe(1000, "every holding gets its own lease transition");
        Lease("deploy-lock-todo-api")!["holderIdentity"].ShouldBeNull();
        TestContext.Current.SendDiagnosticMessage($"lease contention: 1000 acquisitions in {outcome.Elapsed.TotalSeconds:0.00}s");
    }

    [Fact]
    public async Task ACrashedHoldersLeaseIsTakenOverAfterItsTtlAndTheTakeOverIsReported()
    {
        // What a run that was killed after acquiring leaves behind: a lease nobody renews.
        _api.Store.Seed(KubernetesResourceType.Lease, "deploy", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "deploy-lock-todo-api" },
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = "todo-api-41",
                ["leaseDurationSeconds"] = 1,
                ["leaseTransitions"] = 4,
                ["acquireTime"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
                ["renewTime"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
            },
        });
        var watch = Stopwatch.StartNew();

        await using var handle = await Contender("todo-api-42", retry: TimeSpan.FromMilliseconds(100)).AcquireAsync("todo-api", Ct);

        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(800), "the lease was still valid for its TTL");
        _log.ToString().ShouldContain("lock todo-api held by todo-api-41 expired at ");
        _log.ToString().ShouldContain("; taking over");
        handle.FencingToken.ShouldBe("5");
        Lease("deploy-lock-todo-api")!["holderIdentity"]!.GetValue<string>().ShouldBe("todo-api-42");
    }

    [Fact]
    public async Task AHeldLeaseIsRenewedSoAWaitingContenderTimesOutInsteadOfTakingItOver()
    {
        // A TTL of a few seconds: renewals every third of it must keep up on a loaded machine too.
        var holder = Contender("run-a", ttl: TimeSpan.FromSeconds(4));
        await using var held = await holder.AcquireAsync("todo-api", Ct);

        var error = await Should.ThrowAsync<BuildFailedException>(() =>
            Contender("run-b", ttl: TimeSpan.FromSeconds(4), timeout: TimeSpan.FromSeconds(6), retry: TimeSpan.FromMilliseconds(100))
                .AcquireAsync("todo-api", Ct));

        error.Message.ShouldStartWith("Timed out after 00:00:06 waiting for the deploy lock todo-api (Lease deploy/deploy-lock-todo-api), held by run-a");
        _log.ToString().ShouldNotContain("taking over");
        Lease("deploy-lock-todo-api")!["holderIdentity"]!.GetValue<string>().ShouldBe("run-a");
    }

    [Fact]
    public async Task AFailedDeployReleasesTheLockAndTheNextRunGetsAHigherFencingToken()
    {
        string firstToken = "";
        var failure = await Should.ThrowAsync<BuildFailedException>(async () =>
        {
            await using var handle = await Contender("run-a").AcquireAsync("todo-api", Ct);
            firstToken = handle.FencingToken;
            throw new BuildFailedException("push rejected");
        });
        failure.Message.ShouldBe("push rejected");
        Lease("deploy-lock-todo-api")!["holderIdentity"].ShouldBeNull();

        await using var next = await Contender("run-b", timeout: TimeSpan.FromMilliseconds(200)).AcquireAsync("todo-api", Ct);

        long.Parse(next.FencingToken).ShouldBeGreaterThan(long.Parse(firstToken));
        _log.ToString().ShouldContain("lock todo-api released by run-a");
    }

    [Fact]
    public async Task ACancelledDeployStillReleasesTheLockWithAFreshToken()
    {
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await using var handle = await Contender("run-a").AcquireAsync("todo-api", ctrlC.Token);
            await ctrlC.CancelAsync();
            await Task.Delay(Timeout.Infinite, ctrlC.Token);
        });

        Lease("deploy-lock-todo-api")!["holderIdentity"].ShouldBeNull();
    }

    [Fact]
    public async Task DifferentKeysDoNotExcludeEachOther()
    {
        var contender = Contender("run-a", timeout: TimeSpan.FromMilliseconds(200));
        await using var api = await contender.AcquireAsync("todo-api", Ct);
        await using var web = await contender.AcquireAsync("todo-web", Ct);

        Lease("deploy-lock-todo-web")!["holderIdentity"]!.GetValue<string>().ShouldBe("run-a");
    }

    [Fact]
    public async Task DisposingAHandleTwiceIsHarmless()
    {
        var handle = await Contender("run-a").AcquireAsync("todo-api", Ct);

        await handle.DisposeAsync();
        await handle.DisposeAsync();

        _log.ToString().Split("released by run-a").Length.ShouldBe(2, "released exactly once");
    }

    [Fact]
    public async Task AReleaseThatFailsDoesNotReplaceTheDeploysOwnError()
    {
        var failure = await Should.ThrowAsync<BuildFailedException>(async () =>
        {
            await using var handle = await Contender("run-a").AcquireAsync("todo-api", Ct);
            await _api.DisposeAsync(); // the API server goes away mid-deploy
            throw new BuildFailedException("push rejected");
        });

        failure.Message.ShouldBe("push rejected");
        _log.ToString().ShouldContain("warning: releasing lock todo-api failed (");
        _log.ToString().ShouldContain("it expires on its own at ");
    }
}
