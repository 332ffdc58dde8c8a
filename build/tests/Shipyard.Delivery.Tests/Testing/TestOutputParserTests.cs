using Shipyard.Delivery.Testing;

namespace Shipyard.Delivery.Tests.Testing;

public sealed class TestOutputParserTests
{
    // As printed by `dotnet test` with Microsoft.Testing.Platform and xunit.v3 (captured from this repository).
    private const string MtpFailure = """
        Running tests from /repo/tests/bin/Debug/net10.0/Api.Tests.dll (net10.0|x64)
        failed Api.Tests.ServiceFileTests.AMissingFile(yaml: "context: ../..\n", expected: "x"···) (104ms)
          from /repo/tests/bin/Debug/net10.0/Api.Tests.dll (net10.0|x64)
          Xunit.MicrosoftTestingPlatform.XunitException: Shouldly.ShouldAssertException : `Load()`
        failed Api.Tests.ProbeTests.ReadinessAnswersOk (1s 204ms)
          from /repo/tests/bin/Debug/net10.0/Api.Tests.dll (net10.0|x64)
        /repo/tests/bin/Debug/net10.0/Api.Tests.dll (net10.0|x64) failed with 2 error(s) (2s 351ms)
        Exit code: 2

        Test run summary: Failed!
          total: 38
          failed: 2
          succeeded: 35
          skipped: 1
          duration: 3s 029ms
        Test run completed with non-success exit code: 2 (see: https://aka.ms/testingplatform/exitcodes)
        """;

    [Fact]
    public void MicrosoftTestingPlatformCountsAndFailedTestNamesAreRead()
    {
        var counts = TestOutputParser.Parse(MtpFailure);

        counts.ShouldBe(counts with { Passed = 35, Failed = 2, Skipped = 1, Counted = true });
        counts.FailedTests.ShouldBe([
            "Api.Tests.ServiceFileTests.AMissingFile(yaml: \"context: ../..\\n\", expected: \"x\"···)",
            "Api.Tests.ProbeTests.ReadinessAnswersOk",
        ]);
    }

    [Fact]
    public void ASolutionRunWithOneLinePerAssemblyBeforeTheCountsIsRead()
    {
        var counts = TestOutputParser.Parse("""
            Test run summary: Failed!
              /repo/build/tests/Engine.Tests/bin/Debug/net10.0/Engine.Tests.dll (net10.0|x64) passed (3s 324ms)
              /repo/build/tests/Delivery.Tests/bin/Debug/net10.0/Delivery.Tests.dll (net10.0|x64) failed with 3 error(s) (4m 23s)

              total: 488
              failed: 7
              succeeded: 481
              skipped: 0
            Test run completed with non-success exit code: 2 (see: https://aka.ms/testingplatform/exitcodes)
            """);

        counts.ShouldBe(counts with { Passed = 481, Failed = 7, Skipped = 0, Counted = true });
    }

    [Fact]
    public void TwoSummariesInOneOutputAddUp()
    {
        var passing = "Test run summary: Passed!\n  total: 5\n  failed: 0\n  succeeded: 5\n  skipped: 0\n";

        var counts = TestOutputParser.Parse(passing + MtpFailure);

        (counts.Passed, counts.Failed).ShouldBe((40, 2));
    }

    [Fact]
    public void ColouredOutputIsReadLikePlainOutput()
    {
        var counts = TestOutputParser.Parse("\u001b[31mfailed A.B.C (5ms)\u001b[0m\nTest run summary: \u001b[31mFailed!\u001b[0m\n  total: 1\n  failed: 1\n");

        counts.FailedTests.ShouldBe(["A.B.C"]);
        counts.Failed.ShouldBe(1);
    }

    [Fact]
    public void VsTestOutputIsRead()
    {
        var counts = TestOutputParser.Parse("  Failed Api.Tests.Broken [12 ms]\n  Error Message:\nFailed!  - Failed:     1, Passed:     7, Skipped:     0, Total:     8, Duration: 1 s - Api.Tests.dll (net8.0)\n");

        counts.ShouldBe(counts with { Passed = 7, Failed = 1, Counted = true });
        counts.FailedTests.ShouldBe(["Api.Tests.Broken"]);
    }

    [Fact]
    public void GoTestVerboseOutputIsRead()
    {
        var counts = TestOutputParser.Parse("=== RUN   TestAdd\n--- PASS: TestAdd (0.00s)\n=== RUN   TestSub\n    x_test.go:9: wrong\n--- FAIL: TestSub (0.00s)\n--- SKIP: TestSlow (0.00s)\nFAIL\nFAIL\texample.com/x\t0.003s\n");

        counts.ShouldBe(counts with { Passed = 1, Failed = 1, Skipped = 1, Counted = true });
        counts.FailedTests.ShouldBe(["TestSub"]);
    }

    [Fact]
    public void PytestOutputIsRead()
    {
        var counts = TestOutputParser.Parse("FAILED tests/test_api.py::test_create - assert 1 == 2\n========= 1 failed, 12 passed, 2 skipped in 0.51s =========\n");

        counts.ShouldBe(counts with { Passed = 12, Failed = 1, Skipped = 2, Counted = true });
        counts.FailedTests.ShouldBe(["tests/test_api.py::test_create"]);
    }

    [Theory]
    [InlineData("3 passed, 1 failed", 3, 1, 0)]
    [InlineData("Tests: 10 passed, 0 failed, 2 skipped", 10, 0, 2)]
    public void ThePlainSummaryLineIsRead(string line, int passed, int failed, int skipped)
    {
        var counts = TestOutputParser.Parse($"something\n{line}\n");

        counts.ShouldBe(counts with { Passed = passed, Failed = failed, Skipped = skipped, Counted = true });
    }

    [Fact]
    public void OutputWithoutAnySummaryIsNotCounted()
    {
        var counts = TestOutputParser.Parse("error CS1002: ; expected\nBuild failed with exit code: 1.\n");

        counts.Counted.ShouldBeFalse();
        counts.FailedTests.ShouldBeEmpty();
    }
}
