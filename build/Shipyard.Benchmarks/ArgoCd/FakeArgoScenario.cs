using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Benchmarks.ArgoCd;

/// <summary>
/// Fresh applications on the tests' in-process fake Argo CD (no Argo CD server can run here) per iteration; the fake
/// records when each became Synced and Healthy, which is the moment the wait is timed from.
/// </summary>
internal sealed class FakeArgoScenario(FakeArgoCdApi api) : IArgoCdBenchmarkScenario
{
    private const string Old = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0";
    private readonly Dictionary<string, FakeArgoApplication> _apps = [];

    public Task<(string Application, string Revision)> ArrangeAsync(int iteration, bool reachable, CancellationToken cancellationToken)
    {
        var revision = $"{iteration:x8}".PadRight(40, 'c');
        // Reachable: a manual-sync app whose operation runs ~20 ticks; unreachable: auto-sync never sees the commit.
        var app = api.Add(reachable
            ? new FakeArgoApplication($"bench-{iteration}", Old) { HeadRevision = revision, OperationTicks = 20 }
            : new FakeArgoApplication($"bench-{iteration}", Old) { AutoSync = true });
        _apps[app.Name] = app;
        return Task.FromResult((app.Name, revision));
    }

    public long? SyncedAndHealthyAt(string application, string revision) => _apps[application].SyncedAndHealthyAt(revision);
}
