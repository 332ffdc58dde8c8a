using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Testing;
using Shipyard.Engine;

partial class Pipeline
{
    /// <summary>Set for the build's own tests, so a Test run inside them does not run them again.</summary>
    const string NestedTestRunVariable = "SHIPYARD_NESTED_TEST_RUN";

    [Parameter("Command that runs the build's own tests at the repository root")]
    readonly string BuildTestsCommand = "dotnet test --solution Shipyard.slnx";

    [Parameter("Run only the services' tests, not the build's own")]
    readonly bool SkipBuildTests = false;

    TestTotals TestTotals = new(0);

    Target Test => _ => _
        .Description("Runs each selected service's tests, in parallel, and (without --service) the build's own tests")
        .ExecutesForEach(TestRows, row => row.Name, RunTestRowAsync);

    IEnumerable<TestRow> TestRows()
    {
        var rows = SelectedServices
            .Select(s => TestSuites.ForService(s, RootDirectory) is { } suite
                ? new TestRow(s.Name, suite, null)
                : new TestRow(s.Name, null, "no tests: no test project, and no 'test' command in service.yaml"))
            .ToList();
        // The build's own tests belong to a whole-repository run; naming services narrows Test to those services.
        if (ServiceNames.Length > 0) { TestTotals = new TestTotals(rows.Count); return rows; }
        rows.Add(SkipBuildTests ? new TestRow(TestSuites.BuildName, null, "--skip-build-tests")
            : Environment.ContainsKey(NestedTestRunVariable) ? new TestRow(TestSuites.BuildName, null, "already running inside the build's own tests")
            : new TestRow(TestSuites.BuildName, TestSuites.ForBuild(BuildTestsCommand, RootDirectory, NestedTestRunVariable), null));
        TestTotals = new TestTotals(rows.Count);
        return rows;
    }

    async Task RunTestRowAsync(TestRow row, TargetContext context)
    {
        TestRunResult? result = null;
        try
        {
            if (row.Suite is null)
            {
                context.Skip(row.SkipReason!);
                return;
            }
            var runner = TestSuites.Runner(ToolRunner(context.Output)); // context.Output masks secrets
            result = await runner.RunAsync(row.Suite, context.CancellationToken);
            context.Note(result.Note);
            context.Fact("tests.passed", result.Passed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Fact("tests.failed", result.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!result.Succeeded) throw new BuildFailedException(TestFailure.Describe(row.Suite, result, RootDirectory));
        }
        finally
        {
            if (TestTotals.Complete(result)) Log.WriteLine(TestTotals.Line);
        }
    }

    sealed record TestRow(string Name, TestSuite? Suite, string? SkipReason);
}
