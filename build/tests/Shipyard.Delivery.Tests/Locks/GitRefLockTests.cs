using System.Diagnostics;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Locks;

[Trait("Reliability", "faults")]
public sealed class GitRefLockTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("git-ref-lock-").FullName;
    private readonly StringWriter _log = new();
    private readonly List<GitRefLockStore> _stores = [];
    private readonly ProcessRunner _git = new(TextWriter.Null, s => s);
    private string Remote => Path.Combine(_root, "gitops.git");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _git.RunAsync("git", ["init", "--quiet", "--bare", Remote]);

    public ValueTask DisposeAsync()
    {
        foreach (var store in _stores) store.Dispose();
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private GitRefLockStore Store()
    {
        var store = new GitRefLockStore(_git, Remote, token: null);
        _stores.Add(store);
        return store;
    }

    private DeployLock Contender(string holder, TimeSpan? timeout = null, TimeSpan? retry = null) =>
        new(Store(), new LockOptions
        {
            Holder = holder,
            Ttl = TimeSpan.FromSeconds(30),
            AcquireTimeout = timeout ?? TimeSpan.FromSeconds(120),
            RetryInterval = retry ?? TimeSpan.FromMilliseconds(5),
        }, TimeProvider.System, TextWriter.Synchronized(_log));

    private async Task<string> RefAsync(string key) =>
        (await _git.RunAsync("git", ["-C", Remote, "for-each-ref", "--format=%(objectname)", $"refs/locks/{key}"], cancellationToken: Ct)).StandardOutput.Trim();

    [Fact]
    public async Task TwoContendersPushingToARealBareRepositoryNeverHoldTheRefAtTheSameTime()
    {
        var outcome = await LockContention.RunAsync([Contender("run-a"), Contender("run-b")], "todo-api", 50, Ct);

        outcome.Acquisitions.ShouldBe(100);
        outcome.Overlaps.ShouldBe(0);
        outcome.Tokens.Distinct().Count().ShouldBe(100, "each holding is its own commit");
        (await RefAsync("todo-api")).ShouldBeEmpty("the last release deleted the ref");
    }

    [Fact]
    public async Task ACrashedHoldersRefIsTakenOverAfterItsTtlAndTheTakeOverIsReported()
    {
        // A run that pushed the lock and died: nobody renews or deletes the ref.
        var crashed = await Store().TryCreateAsync("todo-api", new LockClaim("todo-api-41", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)), Ct);
        crashed.ShouldNotBeNull();
        var watch = Stopwatch.StartNew();

        await using var handle = await Contender("todo-api-42", retry: TimeSpan.FromMilliseconds(100)).AcquireAsync("todo-api", Ct);

        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(700));
        _log.ToString().ShouldContain("lock todo-api held by todo-api-41 expired at ");
        _log.ToString().ShouldContain("; taking over");
        handle.FencingToken.ShouldNotBe(crashed.FencingToken);
        (await RefAsync("todo-api")).ShouldBe(handle.FencingToken);
    }

    [Fact]
    public async Task TheLockCommitCarriesHolderAndExpiryAsJson()
    {
        await using var handle = await Contender("todo-api-7").AcquireAsync("todo-api", Ct);

        var message = (await _git.RunAsync("git", ["-C", Remote, "log", "-1", "--format=%B", "refs/locks/todo-api"], cancellationToken: Ct)).StandardOutput;

        message.ShouldStartWith("deploy lock todo-api held by todo-api-7\n\n{\"holder\":\"todo-api-7\",\"acquiredAt\":");
        message.ShouldContain("\"expiresAt\":");
        message.ShouldContain("\"ttlMilliseconds\":30000");
    }

    [Fact]
    public async Task ASecondContenderWaitsAndTimesOutWhileTheRefIsHeld()
    {
        await using var held = await Contender("run-a").AcquireAsync("todo-api", Ct);

        var error = await Should.ThrowAsync<BuildFailedException>(() =>
            Contender("run-b", timeout: TimeSpan.FromMilliseconds(500), retry: TimeSpan.FromMilliseconds(50)).AcquireAsync("todo-api", Ct));

        error.Message.ShouldContain("waiting for the deploy lock todo-api (git ref refs/locks/todo-api), held by run-a");
    }

    [Fact]
    public async Task AFailedDeployDeletesTheLockRef()
    {
        await Should.ThrowAsync<BuildFailedException>(async () =>
        {
            await using var handle = await Contender("run-a").AcquireAsync("todo-api", Ct);
            (await RefAsync("todo-api")).ShouldBe(handle.FencingToken);
            throw new BuildFailedException("push rejected");
        });

        (await RefAsync("todo-api")).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheAskPassScriptHoldsNoSecretAndHandsTheTokenOnlyThroughTheEnvironment()
    {
        using var askPass = new GitAskPass("x-access-token", "s3cr3t-token");
        var options = new ProcessOptions { Environment = askPass.Environment, Echo = false };

        var user = await _git.RunAsync(askPass.ScriptPath, ["Username for 'https://git.example.com': "], options, Ct);
        var password = await _git.RunAsync(askPass.ScriptPath, ["Password for 'https://x-access-token@git.example.com': "], options, Ct);

        user.StandardOutput.Trim().ShouldBe("x-access-token");
        password.StandardOutput.Trim().ShouldBe("s3cr3t-token");
        (await File.ReadAllTextAsync(askPass.ScriptPath, Ct)).ShouldNotContain("s3cr3t");
    }
}
