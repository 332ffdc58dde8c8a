using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Locks;

/// <summary>The git-ref lock against git over HTTP with basic auth (nginx + git-http-backend), the token given via askpass.</summary>
[Trait("Reliability", "concurrency")]
public sealed class GitRefLockOverHttpTests : IAsyncLifetime
{
    private GitHttpServer _server = null!;
    private readonly List<GitRefLockStore> _stores = [];
    private readonly StringWriter _log = new();
    private readonly StringWriter _processLog = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await GitHttpServer.StartAsync();
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("git", ["init", "--quiet", "--bare", Path.Combine(_server.RepositoryRoot, "gitops.git")]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) store.Dispose();
        await _server.DisposeAsync();
    }

    private GitRefLockStore Store(string token)
    {
        var store = new GitRefLockStore(new ProcessRunner(TextWriter.Synchronized(_processLog), s => s), _server.UrlOf("gitops.git"), token);
        _stores.Add(store);
        return store;
    }

    private DeployLock Contender(string holder, string token) =>
        new(Store(token), new LockOptions { Holder = holder, RetryInterval = TimeSpan.FromMilliseconds(20), AcquireTimeout = TimeSpan.FromMinutes(3) },
            TimeProvider.System, TextWriter.Synchronized(_log));

    [Fact]
    public async Task TwoContendersOverAuthenticatedHttpNeverHoldTheRefAtOnceAndTheTokenIsWrittenNowhere()
    {
        var outcome = await LockContention.RunAsync([Contender("run-a", _server.Password), Contender("run-b", _server.Password)], "todo-api", 10, Ct);

        outcome.Acquisitions.ShouldBe(20);
        outcome.Overlaps.ShouldBe(0);
        _log.ToString().ShouldNotContain(_server.Password);
        _processLog.ToString().ShouldNotContain(_server.Password);
        // While a lock is held its scratch repository holds no token; once released it is gone altogether.
        var holder = Contender("run-c", _server.Password);
        await using (await holder.AcquireAsync("todo-api", Ct))
        {
            var files = Directory.EnumerateFiles(_stores[^1].ScratchDirectory, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/objects/")).ToList();
            files.ShouldNotBeEmpty();
            foreach (var file in files) (await File.ReadAllTextAsync(file, Ct)).ShouldNotContain(_server.Password, customMessage: file);
        }
        foreach (var store in _stores)
            Directory.Exists(store.ScratchDirectory).ShouldBeFalse(store.ScratchDirectory);
    }

    [Fact]
    public async Task AWrongTokenIsAOneLineFailureThatDoesNotShowTheToken()
    {
        const string wrong = "wrong-t0ken-value";

        var error = await Should.ThrowAsync<BuildFailedException>(() => Contender("run-a", wrong).AcquireAsync("todo-api", Ct));

        error.Message.ShouldStartWith("Cannot read the deploy lock refs/locks/todo-api from the GitOps repository:");
        error.Message.ShouldContain("Authentication failed");
        error.Message.ShouldNotContain(wrong);
        error.Message.ShouldNotContain("\n");
    }
}
