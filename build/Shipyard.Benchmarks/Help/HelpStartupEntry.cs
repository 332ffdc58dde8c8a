using System.Globalization;
using System.Text.RegularExpressions;
using Shipyard.Delivery.Processes;

namespace Shipyard.Benchmarks.Help;

/// <summary>
/// Runs build/benchmarks/help-startup.sh (it compiles the NUKE-style bootstrap baseline into its own temp folder) and
/// reads its medians: a process start is measured from outside, so this one is a script rather than code here.
/// </summary>
internal sealed class HelpStartupEntry(BenchmarkSettings settings, TextWriter output) : IBenchmark
{
    public string Name => "help";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(settings.RootDirectory, "build", "benchmarks", "help-startup.sh");
        var result = await new ProcessRunner(output, settings.Mask).RunAsync(script, settings.Full ? ["15", "3"] : ["3", "1"],
            new ProcessOptions { WorkingDirectory = settings.RootDirectory }, cancellationToken);
        await output.WriteAsync(result.StandardOutput);
        double Ms(string label) =>
            double.Parse(Regex.Match(result.StandardOutput, Regex.Escape(label) + @"[^:]*:\s+(\d+) ms").Groups[1].Value, CultureInfo.InvariantCulture);
        var (help, dotnet, bootstrap) = (Ms("./build.sh --help (warm"), Ms("dotnet --version (baseline"), Ms("dotnet build + dotnet run --no-build"));
        var speedUp = bootstrap / help;
        return
        [
            new("help: warm ./build.sh --help", $"{help:0} ms = {help / dotnet:0.00}x `dotnet --version` ({dotnet:0} ms)", "<= 300 ms", help <= 300, "median wall time"),
            new("help: vs dotnet build + run", $"{speedUp:0.0}x faster ({bootstrap:0} ms)", ">= 7x", speedUp >= 7, "NUKE-style bootstrap on the same project"),
        ];
    }
}
