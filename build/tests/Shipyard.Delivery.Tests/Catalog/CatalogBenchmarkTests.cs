using Shipyard.Benchmarks.Catalog;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Tests.Catalog;

public sealed class CatalogBenchmarkTests
{
    [Fact]
    public void TheBenchmarkProducesFiguresForTheSamplePlatform()
    {
        var figures = CatalogBenchmark.Run(RepositoryRoot.Path, iterations: 2);

        figures.Services.ShouldBe(2);
        figures.FirstLoadMs.ShouldBeGreaterThan(0);
        figures.LoadMedianMs.ShouldBeGreaterThan(0);
        figures.BaselineMedianMs.ShouldBeGreaterThan(0);
        double.IsFinite(figures.Ratio).ShouldBeTrue();
    }
}
