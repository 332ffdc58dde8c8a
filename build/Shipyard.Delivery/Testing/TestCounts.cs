namespace Shipyard.Delivery.Testing;

/// <summary>What <see cref="TestOutputParser"/> read from a test run's output.</summary>
public sealed record TestCounts(int Passed, int Failed, int Skipped, bool Counted, IReadOnlyList<string> FailedTests);
