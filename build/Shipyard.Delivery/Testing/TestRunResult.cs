namespace Shipyard.Delivery.Testing;

/// <summary>The outcome of one <see cref="TestSuite"/>.</summary>
public sealed record TestRunResult
{
    /// <summary>The suite's name.</summary>
    public required string Name { get; init; }

    /// <summary>Exit code of the command; 0 is success whatever was counted.</summary>
    public required int ExitCode { get; init; }

    /// <summary>Tests counted as passed (0 when the output had no recognised summary).</summary>
    public int Passed { get; init; }

    /// <summary>Tests counted as failed.</summary>
    public int Failed { get; init; }

    /// <summary>Tests counted as skipped.</summary>
    public int Skipped { get; init; }

    /// <summary>True when the output had a summary line the parser knows, so the counts mean something.</summary>
    public bool Counted { get; init; }

    /// <summary>Names of the failed tests, as the test framework printed them.</summary>
    public IReadOnlyList<string> FailedTests { get; init; } = [];

    /// <summary>The last lines of output, for a failure that is not a failed test (compile error, missing tool).</summary>
    public string OutputTail { get; init; } = "";

    /// <summary>True when the command succeeded.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The summary row's note, e.g. <c>8 passed, 0 failed</c>.</summary>
    public string Note => Counted
        ? $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "")
        : Succeeded ? "passed (no test counts in the output)" : $"exit code {ExitCode}";
}
