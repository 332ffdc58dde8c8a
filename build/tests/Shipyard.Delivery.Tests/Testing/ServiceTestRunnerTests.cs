using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Delivery.Testing;

namespace Shipyard.Delivery.Tests.Testing;

public sealed class ServiceTestRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (ServiceTestRunner Runner, StringWriter Log) Runner()
    {
        var log = new StringWriter();
        return (new ServiceTestRunner(new ProcessRunner(log, s => s)), log);
    }

    [Fact]
    public async Task AFailingSuiteIsAResultWithTheFailedTestNamesNotAnException()
    {
        var (runner, log) = Runner();
        var script = "printf 'failed My.Tests.Broken (3ms)\\nTest run summary: Failed!\\n  total: 4\\n  failed: 1\\n  succeeded: 3\\n'; exit 2";

        var result = await runner.RunAsync(new TestSuite("api", script, Path.GetTempPath()), Ct);

        result.ShouldBe(result with { ExitCode = 2, Passed = 3, Failed = 1, Counted = true });
        result.FailedTests.ShouldBe(["My.Tests.Broken"]);
        result.Note.ShouldBe("3 passed, 1 failed");
        log.ToString().ShouldContain("failed My.Tests.Broken");
    }

    [Fact]
    public async Task TheCommandRunsInTheSuitesFolderWithItsEnvironment()
    {
        using var repo = new TempRepository();
        var (runner, log) = Runner();

        var result = await runner.RunAsync(new TestSuite("x", "pwd; echo \"flag=$FLAG nologo=$DOTNET_NOLOGO\"", repo.Root)
        {
            Environment = new Dictionary<string, string?> { ["FLAG"] = "on" },
        }, Ct);

        result.Succeeded.ShouldBeTrue();
        log.ToString().ShouldContain(repo.Root);
        log.ToString().ShouldContain("flag=on nologo=1");
    }

    [Fact]
    public async Task AFailureWithoutTestCountsKeepsTheTailOfTheOutput()
    {
        var (runner, _) = Runner();

        var result = await runner.RunAsync(new TestSuite("x", "echo 'error CS1002: ; expected' >&2; exit 1", Path.GetTempPath()), Ct);

        result.Counted.ShouldBeFalse();
        result.Note.ShouldBe("exit code 1");
        result.OutputTail.ShouldContain("error CS1002");
    }

    [Fact]
    public async Task TheSampleWorkersRealTestsPassAndAreCounted()
    {
        var (runner, log) = Runner();
        var folder = Path.Combine(RepositoryRoot.Path, "services", "todo-worker");

        var result = await runner.RunAsync(new TestSuite("todo-worker", "dotnet test", folder), Ct);

        result.Succeeded.ShouldBeTrue(log.ToString());
        result.Counted.ShouldBeTrue();
        result.Passed.ShouldBeGreaterThanOrEqualTo(6);
        result.Failed.ShouldBe(0);
    }
}
