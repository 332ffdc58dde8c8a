namespace Shipyard.Delivery.Testing;

/// <summary>
/// Adds up the suites of one Test run, which finish in any order on parallel fan-out items, and says when the
/// last one is in so the plain <c>Tests: N passed, N failed</c> line (read by CI) is printed once, at the end.
/// </summary>
public sealed class TestTotals(int expected)
{
    private readonly Lock _gate = new();
    private int _done;
    private int _passed;
    private int _failed;

    /// <summary>Records one finished suite (null for a skipped one); true when it was the last expected.</summary>
    public bool Complete(TestRunResult? result)
    {
        lock (_gate)
        {
            if (result is not null)
            {
                _passed += result.Passed;
                // A suite that failed without printing counts (compile error) still counts as one failure.
                _failed += result.Counted || result.Succeeded ? result.Failed : Math.Max(1, result.Failed);
            }
            return ++_done == expected;
        }
    }

    /// <summary>The closing line, e.g. <c>Tests: 14 passed, 0 failed</c>.</summary>
    public string Line
    {
        get
        {
            lock (_gate) return $"Tests: {_passed} passed, {_failed} failed";
        }
    }
}
