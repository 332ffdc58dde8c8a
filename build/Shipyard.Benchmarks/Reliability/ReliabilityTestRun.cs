using Shipyard.Delivery.Processes;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>
/// Runs one kind's tests of the build's solution: <c>dotnet test --filter-trait Reliability=kind</c> with an xunit TRX
/// report per test project, and the figures file named in the tests' environment. The solution is built once first;
/// each kind then runs with <c>--no-build</c>. A project without tests of that kind exits with 8 (no test ran), which
/// is not a failure here.
/// </summary>
internal sealed class ReliabilityTestRun(ProcessRunner runner, string rootDirectory, IReadOnlyDictionary<string, string?> environment)
{
    private const string Solution = "Shipyard.slnx";

    /// <summary>Builds the solution (a failure throws with the compiler's output).</summary>
    public Task BuildAsync(CancellationToken cancellationToken) =>
        runner.RunAsync("dotnet", ["build", Solution, "-nologo", "-v", "quiet", "-clp:ErrorsOnly;NoSummary"],
            new ProcessOptions { WorkingDirectory = rootDirectory }, cancellationToken);

    /// <summary>Runs <paramref name="kind"/>'s tests, their TRX reports going to a fresh <paramref name="resultsDirectory"/>.</summary>
    public async Task<TestOutcomes> RunAsync(string kind, string resultsDirectory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(resultsDirectory)) Directory.Delete(resultsDirectory, recursive: true);
        Directory.CreateDirectory(resultsDirectory);
        var result = await runner.RunAsync("dotnet",
            ["test", "--solution", Solution, "--no-build", "--filter-trait", $"{ReliabilityKinds.Trait}={kind}", "--ignore-exit-code", "8",
             "--report-xunit-trx", "--results-directory", resultsDirectory, "--no-progress"],
            new ProcessOptions { WorkingDirectory = rootDirectory, Environment = environment, Check = false, StreamOutput = true }, cancellationToken);
        var outcomes = Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories)
            .Aggregate(TestOutcomes.None, (sum, file) => sum.Plus(TestOutcomes.FromTrx(File.ReadAllText(file))));
        if (result.ExitCode == 0 || outcomes.Failed > 0) return outcomes;
        var why = $"{result.StandardOutput}\n{result.StandardError}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? "no test report";
        return outcomes with { Error = $"dotnet test exited with {result.ExitCode} ({why})" };
    }
}
