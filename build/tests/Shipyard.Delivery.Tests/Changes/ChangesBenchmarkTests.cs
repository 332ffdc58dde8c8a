using Shipyard.Benchmarks.Changes;
using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Changes;

public sealed class ChangesBenchmarkTests
{
    [Fact]
    public async Task TheBenchmarkProducesFiguresOnATinyRepository()
    {
        var work = Directory.CreateTempSubdirectory("changes-bench-");
        try
        {
            var log = new StringWriter();
            var figures = await new ChangesBenchmark(new ProcessRunner(TextWriter.Null, s => s), log)
                .RunAsync(work.FullName, services: 20, filesPerService: 10, changeEvery: 5, runs: 3, TestContext.Current.CancellationToken);

            figures.Files.ShouldBe(210);
            figures.ChangedFiles.ShouldBe(40);
            figures.AffectedServices.ShouldBe(20);
            figures.GitDiff.ShouldBeGreaterThan(TimeSpan.Zero);
            figures.TreeDiffRatio.ShouldBeGreaterThan(0);
            log.ToString().ShouldContain("git diff --name-only");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
