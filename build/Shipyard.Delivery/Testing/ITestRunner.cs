namespace Shipyard.Delivery.Testing;

/// <summary>Runs a test suite's command and reads its outcome.</summary>
public interface ITestRunner
{
    /// <summary>Runs <paramref name="suite"/>; a failing test is a result, not an exception (a command that cannot start throws).</summary>
    Task<TestRunResult> RunAsync(TestSuite suite, CancellationToken cancellationToken);
}
