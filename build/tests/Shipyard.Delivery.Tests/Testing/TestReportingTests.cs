using Shipyard.Delivery.Testing;

namespace Shipyard.Delivery.Tests.Testing;

public sealed class TestReportingTests
{
    private static TestRunResult Result(int passed, int failed, int exitCode, bool counted = true, params string[] names) => new()
    {
        Name = "x",
        ExitCode = exitCode,
        Passed = passed,
        Failed = failed,
        Counted = counted,
        FailedTests = names,
        OutputTail = "error CS1002",
    };

    [Fact]
    public void AFailureStartsWithTheCountsThenNamesEachFailingTestAndHowToReRun()
    {
        var suite = new TestSuite("todo-api", "dotnet test", "/repo/services/todo-api");

        var message = TestFailure.Describe(suite, Result(6, 2, 2, true, "A.One", "A.Two"), "/repo");

        message.ShouldBe("6 passed, 2 failed\nFailing tests:\n  A.One\n  A.Two\nRe-run them with: cd services/todo-api && dotnet test");
    }

    [Fact]
    public void AFailureWithoutFailedTestsShowsTheTailOfTheOutput()
    {
        var message = TestFailure.Describe(new TestSuite("build", "dotnet test", "/repo"), Result(0, 0, 1, counted: false), "/repo");

        message.ShouldBe("exit code 1\nThe test command failed before reporting a failed test (build error?): error CS1002\nRe-run them with: dotnet test");
    }

    [Fact]
    public void TotalsAddUpAndSayWhenTheLastSuiteIsIn()
    {
        var totals = new TestTotals(3);

        totals.Complete(Result(8, 0, 0)).ShouldBeFalse();
        totals.Complete(null).ShouldBeFalse();
        totals.Complete(Result(5, 1, 2)).ShouldBeTrue();

        totals.Line.ShouldBe("Tests: 13 passed, 1 failed");
    }

    [Fact]
    public void ASuiteThatFailedWithoutCountsCountsAsOneFailure()
    {
        var totals = new TestTotals(1);

        totals.Complete(Result(0, 0, 1, counted: false));

        totals.Line.ShouldBe("Tests: 0 passed, 1 failed");
    }
}
