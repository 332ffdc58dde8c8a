using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Locks;

/// <summary>
/// The seed's repository-variable lock is check-then-set. These tests reproduce the race deterministically (the fake
/// holds requests until both runs have read "null"), show that verify-after-write catches a writer that lands during
/// the delay, and show that it does NOT catch one that lands after the re-read: it narrows the race, never closes it.
/// </summary>
public sealed class GitHubVariableLockTests : IAsyncLifetime
{
    private const string Repo = "acme/todo-platform";
    private FakeGitHubApi _api = null!;
    private readonly StringWriter _log = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeGitHubApi.StartAsync();
        _api.Tokens.UnionWith(["token-a", "token-b"]);
        _api.SetVariable(Repo, "ARGOCD_LOCK", "null");
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private DeployLock Contender(string holder, string token, TimeSpan? verifyDelay, TimeSpan? timeout = null) =>
        new(new GitHubVariableLockStore(new HttpClient(), _api.Url, Repo, token, "ARGOCD_LOCK", TimeSpan.FromMinutes(2), verifyDelay, TimeProvider.System),
            new LockOptions { Holder = holder, AcquireTimeout = timeout ?? TimeSpan.FromSeconds(2), RetryInterval = TimeSpan.FromMilliseconds(50) },
            TimeProvider.System, TextWriter.Synchronized(_log));

    /// <summary>
    /// Holds back the answers of the first reads until both runs have read: both see "null". The hold sits after the
    /// read, not before it: released before reading, one run's whole read-and-write could land first on a busy machine.
    /// </summary>
    private void BothReadFreeFirst()
    {
        var readers = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.BeforeHandling = _ => Task.CompletedTask;
        _api.AfterHandling = call =>
        {
            if (call.Method != "GET" || bothRead.Task.IsCompleted || !readers.TryAdd(call.Token, true)) return Task.CompletedTask;
            if (readers.Count == 2) bothRead.TrySetResult();
            // A guard against hanging only: on a loaded machine the second run can take many seconds to arrive.
            return bothRead.Task.WaitAsync(TimeSpan.FromSeconds(60));
        };
    }

    private static async Task ReleaseAllAsync(IEnumerable<ILockHandle?> handles)
    {
        foreach (var handle in handles)
            if (handle is not null) await handle.DisposeAsync();
    }

    private static async Task<ILockHandle?> TryAcquireAsync(DeployLock contender)
    {
        try { return await contender.AcquireAsync("todo-api", Ct); }
        catch (BuildFailedException) { return null; }
    }

    [Fact]
    public async Task TheSeedsCheckThenSetLetsTwoRunsHoldTheLockAtOnce()
    {
        BothReadFreeFirst();
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _api.Handled = call => calls.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {call.Method} {call.Token} {call.Value}");

        var handles = await Task.WhenAll(
            TryAcquireAsync(Contender("run-a", "token-a", verifyDelay: null)),
            TryAcquireAsync(Contender("run-b", "token-b", verifyDelay: null)));

        handles.Count(h => h is not null).ShouldBe(2, "both runs believe they hold the lock: the race exists\n" + _log + "\n" + string.Join("\n", calls));
        await ReleaseAllAsync(handles);
        _log.ToString().ShouldContain("warning: GitHub variable ARGOCD_LOCK of acme/todo-platform is check-then-set, not atomic");
    }

    [Fact]
    public async Task VerifyAfterWriteCatchesAWriterThatLandsDuringTheDelay()
    {
        BothReadFreeFirst();
        // Both writes land before either re-read (what the delay is for), whatever the machine's load.
        var patches = 0;
        var bothWrote = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _api.BeforeHandling!;
        _api.BeforeHandling = async call =>
        {
            await first(call);
            if (call.Method == "GET" && !bothWrote.Task.IsCompleted && Volatile.Read(ref patches) > 0) await bothWrote.Task.WaitAsync(TimeSpan.FromSeconds(10));
        };
        _api.Handled = call =>
        {
            if (call.Method == "PATCH" && Interlocked.Increment(ref patches) == 2) bothWrote.TrySetResult();
        };

        var handles = await Task.WhenAll(
            TryAcquireAsync(Contender("run-a", "token-a", verifyDelay: TimeSpan.FromMilliseconds(10), timeout: TimeSpan.FromSeconds(1))),
            TryAcquireAsync(Contender("run-b", "token-b", verifyDelay: TimeSpan.FromMilliseconds(10), timeout: TimeSpan.FromSeconds(1))));

        handles.Count(h => h is not null).ShouldBe(1, "the run whose value was overwritten backs off");
        _api.Value(Repo, "ARGOCD_LOCK").ShouldBeOneOf("todo-api-run-a", "todo-api-run-b");
        await ReleaseAllAsync(handles);
    }

    [Fact]
    public async Task VerifyAfterWriteDoesNotCatchAWriterThatLandsAfterTheReRead()
    {
        BothReadFreeFirst();
        var aVerified = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aReads = 0;
        var first = _api.BeforeHandling!;
        _api.BeforeHandling = async call =>
        {
            await first(call);
            if (call is { Method: "PATCH", Token: "token-b" }) await aVerified.Task.WaitAsync(TimeSpan.FromSeconds(10));
        };
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _api.Handled = call =>
        {
            calls.Enqueue($"{call.Method} {call.Token} {call.Value}");
            if (call is { Method: "GET", Token: "token-a" } && Interlocked.Increment(ref aReads) == 2) aVerified.TrySetResult();
        };

        var handles = await Task.WhenAll(
            TryAcquireAsync(Contender("run-a", "token-a", verifyDelay: TimeSpan.FromMilliseconds(10))),
            TryAcquireAsync(Contender("run-b", "token-b", verifyDelay: TimeSpan.FromMilliseconds(10))));

        handles.Count(h => h is not null).ShouldBe(2, "still racy: prefer the lease or git-ref lock\n" + _log + "\n" + string.Join("\n", calls));
        await ReleaseAllAsync(handles);
    }

    [Fact]
    public async Task AnAbandonedValueIsTakenOverAfterTheTtlAndReported()
    {
        _api.SetVariable(Repo, "ARGOCD_LOCK", "todo-api-run-41", DateTimeOffset.UtcNow.AddMinutes(-10));

        await using var handle = await Contender("run-42", "token-a", verifyDelay: TimeSpan.FromMilliseconds(10)).AcquireAsync("todo-api", Ct);

        _log.ToString().ShouldContain("lock todo-api held by todo-api-run-41 expired at ");
        _log.ToString().ShouldContain("; taking over");
        _api.Value(Repo, "ARGOCD_LOCK").ShouldBe("todo-api-run-42");
    }

    [Fact]
    public async Task AFailedDeployResetsTheVariableToNull()
    {
        await Should.ThrowAsync<BuildFailedException>(async () =>
        {
            await using var handle = await Contender("run-a", "token-a", verifyDelay: TimeSpan.Zero).AcquireAsync("todo-api", Ct);
            _api.Value(Repo, "ARGOCD_LOCK").ShouldBe("todo-api-run-a");
            throw new BuildFailedException("push rejected");
        });

        _api.Value(Repo, "ARGOCD_LOCK").ShouldBe("null");
    }

    [Fact]
    public async Task ARejectedTokenIsAOneLineErrorWithoutTheToken()
    {
        var error = await Should.ThrowAsync<BuildFailedException>(() =>
            Contender("run-a", "wrong-s3cr3t", verifyDelay: TimeSpan.Zero).AcquireAsync("todo-api", Ct));

        error.Message.ShouldStartWith("GitHub refused GET of variable ARGOCD_LOCK in acme/todo-platform (401: {\"message\":\"Bad credentials\"");
        error.Message.ShouldEndWith("Check --github-token.");
        error.Message.ShouldNotContain("wrong-s3cr3t");
    }
}
