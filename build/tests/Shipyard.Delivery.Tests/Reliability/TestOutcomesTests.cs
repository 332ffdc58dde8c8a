using Shipyard.Benchmarks.Reliability;

namespace Shipyard.Delivery.Tests.Reliability;

/// <summary>Reading the outcomes of a kind's tests from xunit's TRX reports (one per test project).</summary>
public sealed class TestOutcomesTests
{
    // The shape xunit v3 writes with --report-xunit-trx (trimmed to what is read).
    private static string Trx(params (string Name, string Outcome)[] results) =>
        "<TestRun id=\"1\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>" +
        string.Concat(results.Select(r => $"<UnitTestResult testName=\"{r.Name}\" outcome=\"{r.Outcome}\" duration=\"00:00:00.01\" />")) +
        $"</Results><ResultSummary outcome=\"Completed\"><Counters total=\"{results.Length}\" /></ResultSummary></TestRun>";

    [Fact]
    public void EachResultCountsByItsOutcome()
    {
        var outcomes = TestOutcomes.FromTrx(Trx(
            ("Build.Tests.Deploy.SsmPipelineTests.ADeployIsApplied", "Passed"),
            ("Build.Tests.Deploy.SsmPipelineTests.CtrlCWhileTheCommandRuns", "Failed"),
            ("Build.Tests.Deploy.SsmPipelineTests.Timeout", "Timeout"),
            ("Build.Tests.Deploy.SsmPipelineTests.Skipped", "NotExecuted")));

        outcomes.Passed.ShouldBe(1);
        outcomes.Failed.ShouldBe(2);
        outcomes.NotRun.ShouldBe(1);
        outcomes.FailedTests.ShouldBe(["Build.Tests.Deploy.SsmPipelineTests.CtrlCWhileTheCommandRuns", "Build.Tests.Deploy.SsmPipelineTests.Timeout"]);
        outcomes.Held.ShouldBeFalse();
        outcomes.Text.ShouldBe("1/3 passed, 2 failed, 1 not run");
    }

    [Fact]
    public void TheReportsOfSeveralProjectsAddUp()
    {
        var outcomes = TestOutcomes.None
            .Plus(TestOutcomes.FromTrx(Trx(("A.One", "Passed"), ("A.Two", "Passed"))))
            .Plus(TestOutcomes.FromTrx(Trx()))
            .Plus(TestOutcomes.FromTrx(Trx(("B.Three", "Passed"))));

        outcomes.ShouldBe(outcomes with { Passed = 3, Failed = 0, NotRun = 0 });
        outcomes.Held.ShouldBeTrue();
        outcomes.Text.ShouldBe("3/3 passed");
    }

    [Fact]
    public void NoTestAtAllIsNotHeldAndAnErrorSaysWhyNothingRan()
    {
        TestOutcomes.None.Held.ShouldBeFalse();
        var broken = TestOutcomes.None with { Error = "dotnet test exited with 1 (error CS1002: ; expected)" };

        broken.Text.ShouldBe("did not run: dotnet test exited with 1 (error CS1002: ; expected)");
        broken.Held.ShouldBeFalse();
    }
}
