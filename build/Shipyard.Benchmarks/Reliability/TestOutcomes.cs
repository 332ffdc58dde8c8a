using System.Xml;
using System.Xml.Linq;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>How the tests of one kind ended, read from the TRX reports of the test run.</summary>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed (or errored, timed out, were aborted).</param>
/// <param name="NotRun">Tests reported but not executed (skipped).</param>
/// <param name="FailedTests">The failed tests' names.</param>
/// <param name="Error">Why the tests could not run at all (the test command failed without a report), or null.</param>
public sealed record TestOutcomes(int Passed, int Failed, int NotRun, IReadOnlyList<string> FailedTests, string? Error = null)
{
    /// <summary>No test reported.</summary>
    public static TestOutcomes None { get; } = new(0, 0, 0, []);

    /// <summary>Tests that ran.</summary>
    public int Ran => Passed + Failed;

    /// <summary>True when tests ran, none failed and none was left out.</summary>
    public bool Held => Error is null && Failed == 0 && NotRun == 0 && Passed > 0;

    /// <summary>"52/52 passed", "50/52 passed, 2 failed", or why nothing ran.</summary>
    public string Text => Error is not null ? $"did not run: {Error}"
        : $"{Passed}/{Ran} passed{(Failed > 0 ? $", {Failed} failed" : "")}{(NotRun > 0 ? $", {NotRun} not run" : "")}";

    /// <summary>Both together (one run reports a TRX file per test project).</summary>
    public TestOutcomes Plus(TestOutcomes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Passed + other.Passed, Failed + other.Failed, NotRun + other.NotRun, [.. FailedTests, .. other.FailedTests], Error ?? other.Error);
    }

    /// <summary>The outcomes in one TRX document: each <c>UnitTestResult</c>'s <c>outcome</c>.</summary>
    /// <exception cref="XmlException">The text is not XML.</exception>
    public static TestOutcomes FromTrx(string trx)
    {
        var results = XDocument.Parse(trx).Descendants().Where(e => e.Name.LocalName == "UnitTestResult").ToList();
        string Outcome(XElement e) => (string?)e.Attribute("outcome") ?? "";
        var failed = results.Where(e => Outcome(e) is "Failed" or "Error" or "Timeout" or "Aborted").ToList();
        return new(
            results.Count(e => Outcome(e) == "Passed"),
            failed.Count,
            results.Count(e => Outcome(e) is "NotExecuted" or "Inconclusive" or "Pending"),
            [.. failed.Select(e => (string?)e.Attribute("testName") ?? "(unnamed)")]);
    }
}
