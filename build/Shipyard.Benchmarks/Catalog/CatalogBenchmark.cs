using System.Diagnostics;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Benchmarks.Catalog;

/// <summary>
/// How long loading the catalog takes (it runs at the start of every build), against a baseline of the least
/// work possible: listing the service folders and checking each for a Dockerfile. Not a timed test: the
/// Pipeline or a developer runs it and reads the figures.
/// </summary>
public static class CatalogBenchmark
{
    /// <summary>Figures of one run, in milliseconds.</summary>
    /// <param name="Services">Services found.</param>
    /// <param name="FirstLoadMs">The first load in this process (includes JIT and assembly loading: what a build start pays).</param>
    /// <param name="LoadMedianMs">Median of the following loads.</param>
    /// <param name="BaselineMedianMs">Median of the folder scan alone.</param>
    public sealed record Figures(int Services, double FirstLoadMs, double LoadMedianMs, double BaselineMedianMs)
    {
        /// <summary>Median load time over the baseline.</summary>
        public double Ratio => BaselineMedianMs > 0 ? LoadMedianMs / BaselineMedianMs : double.NaN;
    }

    /// <summary>Loads the catalog of <paramref name="rootDirectory"/> <paramref name="iterations"/> + 1 times.</summary>
    public static Figures Run(string rootDirectory, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var first = Time(() => ServiceCatalog.Load(rootDirectory).Services.Count, out var count);
        var loads = Enumerable.Range(0, iterations).Select(_ => Time(() => ServiceCatalog.Load(rootDirectory).Services.Count, out _)).ToList();
        var baseline = Enumerable.Range(0, iterations).Select(_ => Time(() => Scan(rootDirectory), out _)).ToList();
        return new Figures(count, first, Median(loads), Median(baseline));
    }

    private static int Scan(string rootDirectory) =>
        Directory.EnumerateDirectories(Path.Combine(rootDirectory, "services")).Count(d => File.Exists(Path.Combine(d, "Dockerfile")));

    private static double Time(Func<int> action, out int result)
    {
        var start = Stopwatch.GetTimestamp();
        result = action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
