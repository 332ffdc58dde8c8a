using Shipyard.Benchmarks.GitOps;
using Shipyard.Delivery.GitOps;

namespace Shipyard.Delivery.Tests.GitOps;

public sealed class GitOpsBenchmarkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATinyRunProducesFigures(bool separate)
    {
        var figures = await new GitOpsBenchmark(Path.GetTempPath(), TimeProvider.System).RunAsync(3, separate, TestContext.Current.CancellationToken);

        figures.Writers.ShouldBe(3);
        figures.Landed.ShouldBe(3);
        figures.Linear.ShouldBeTrue();
        figures.SingleWrite.ShouldBeGreaterThan(TimeSpan.Zero);
        figures.ConcurrentWall.ShouldBeGreaterThan(TimeSpan.Zero);
        figures.ToString().ShouldContain("3/3 landed");
    }
}
