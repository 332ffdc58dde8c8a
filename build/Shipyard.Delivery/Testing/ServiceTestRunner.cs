using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Testing;

/// <summary>
/// Runs a suite's command through <c>sh -c</c> with the one <see cref="ProcessRunner"/>, streaming its output,
/// then reads counts and failed test names from that output with <see cref="TestOutputParser"/>.
/// </summary>
internal sealed class ServiceTestRunner(ProcessRunner processes) : ITestRunner
{
    // Quiet, colourless, telemetry-free output is easier to read in CI logs and to parse.
    private static readonly Dictionary<string, string?> QuietTools = new()
    {
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["NO_COLOR"] = "1",
    };

    public async Task<TestRunResult> RunAsync(TestSuite suite, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(QuietTools);
        foreach (var (key, value) in suite.Environment) environment[key] = value;

        var result = await processes.RunAsync("sh", ["-c", suite.Command], new ProcessOptions
        {
            WorkingDirectory = suite.WorkingDirectory,
            Environment = environment,
            StreamOutput = true,
            Check = false,
        }, cancellationToken);

        var output = result.StandardOutput + "\n" + result.StandardError;
        var counts = TestOutputParser.Parse(output);
        return new TestRunResult
        {
            Name = suite.Name,
            ExitCode = result.ExitCode,
            Passed = counts.Passed,
            Failed = counts.Failed,
            Skipped = counts.Skipped,
            Counted = counts.Counted,
            FailedTests = counts.FailedTests,
            OutputTail = Tail(output),
        };
    }

    private static string Tail(string output) =>
        string.Join(" | ", output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(5));
}
