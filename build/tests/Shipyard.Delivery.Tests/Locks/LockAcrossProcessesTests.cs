using Shipyard.Benchmarks;
using Shipyard.Benchmarks.Locks;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.Locks;

[Trait("Reliability", "concurrency")]
public sealed class LockAcrossProcessesTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("lock-processes-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task FourProcessesTakingTheGitRefLockTwentyFiveTimesEachAreNeverTwoHoldersAtOnce()
    {
        var remote = Path.Combine(_work, "gitops.git");
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("git", ["init", "--quiet", "--bare", remote],
            new ProcessOptions { Echo = false }, TestContext.Current.CancellationToken);

        var figures = await new LockProcessBenchmark(ContenderProcess.Command)
            .RunAsync("git-ref", "git-ref", remote, processes: 4, trials: 25, _work, TestContext.Current.CancellationToken);

        figures.Trials.ShouldBe(100);
        figures.DoubleHolders.ShouldBe(0);
        (await new ProcessRunner(TextWriter.Null, s => s).RunAsync("git", ["-C", remote, "for-each-ref", "refs/locks/"],
            new ProcessOptions { Echo = false }, TestContext.Current.CancellationToken)).StandardOutput.ShouldBeEmpty();
    }

    [Fact]
    public async Task FourProcessesTakingTheLeaseLockTwentyFiveTimesEachAreNeverTwoHoldersAtOnce()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        api.Serve(KubernetesResourceType.Lease);

        var figures = await new LockProcessBenchmark(ContenderProcess.Command)
            .RunAsync("lease", "lease", api.Url.ToString(), processes: 4, trials: 25, _work, TestContext.Current.CancellationToken);

        figures.Trials.ShouldBe(100);
        figures.DoubleHolders.ShouldBe(0);
        api.RequestCount.ShouldBeGreaterThan(200);
    }
}
