namespace Shipyard.Benchmarks.Catalog;

/// <summary>The suite's catalog row: <see cref="CatalogBenchmark"/> on the repository's own services.</summary>
internal sealed class CatalogEntry(BenchmarkSettings settings) : IBenchmark
{
    public string Name => "catalog";

    public Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var f = CatalogBenchmark.Run(settings.RootDirectory, iterations: settings.Full ? 200 : 20);
        return Task.FromResult<IReadOnlyList<BenchmarkRow>>(
        [
            new("catalog: load", $"first {f.FirstLoadMs:0.0} ms; warm {f.LoadMedianMs:0.00} ms = {f.Ratio:0.0}x folder scan", "first load <= 100 ms",
                f.FirstLoadMs <= 100, $"{f.Services} services; the first load includes JIT and assembly loading, as every build start pays"),
        ]);
    }
}
