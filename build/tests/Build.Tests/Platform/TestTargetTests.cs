using Shipyard.Engine;

namespace Build.Tests.Platform;

public sealed class TestTargetTests
{
    // A service whose tests are a shell command printing Microsoft.Testing.Platform's output, leaving a marker when run.
    private static string Yaml(string name, int passed, int failed) =>
        $"test: \"touch ran; printf 'failed {name}.Tests.Broken (3ms)\\\\n' | head -n {failed}; printf 'Test run summary: x\\\\n  total: {passed + failed}\\\\n  failed: {failed}\\\\n  succeeded: {passed}\\\\n'; exit {(failed > 0 ? 2 : 0)}\"\n";

    private static TempRoot TwoServices(int failedInB = 0) => new TempRoot()
        .File("services/a/Dockerfile", "FROM scratch\n").File("services/a/service.yaml", Yaml("A", 3, 0))
        .File("services/b/Dockerfile", "FROM scratch\n").File("services/b/service.yaml", Yaml("B", 2, failedInB));

    [Fact]
    public async Task TestRunsEveryServicesRealTestsAndTheBuildsOwnTestsWithARowEach()
    {
        using var root = new TempRoot().CopySamplePlatform();
        var buildTests = $"dotnet test --project {Path.Combine(TempRoot.Repository, "build/tests/Shipyard.Delivery.Tests")} --no-build -- --filter-class \"*TestOutputParserTests*\"";

        var run = await PipelineRun.StartAsync(root.Path, "Test", "--build-tests-command", buildTests);

        run.ExitCode.ShouldBe(0, run.Output);
        var notes = new[] { "todo-api", "todo-worker", "build" }.Select(item => run.Row("Test", item)).ToList();
        notes.ShouldAllBe(r => r.Status == TargetStatus.Succeeded);
        notes.ShouldAllBe(r => System.Text.RegularExpressions.Regex.IsMatch(r.Note!, @"^[1-9]\d* passed, 0 failed$"));
        var total = notes.Sum(r => int.Parse(r.Note!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        run.Output.Split('\n').ShouldContain($"Tests: {total} passed, 0 failed");
    }

    [Fact]
    public async Task NamingAServiceRunsOnlyItsTests()
    {
        using var root = TwoServices();

        var run = await PipelineRun.StartAsync(root.Path, "Test", "--service", "b");

        run.ExitCode.ShouldBe(0, run.Output);
        root.Exists("services/b/ran").ShouldBeTrue();
        root.Exists("services/a/ran").ShouldBeFalse();
        run.Row("Test", "b").Note.ShouldBe("2 passed, 0 failed");
        // Naming services narrows Test to them: neither the other service nor the build's own tests run.
        run.Record!.Rows.ShouldNotContain(r => r.Item == "a" || r.Item == "build");
    }

    [Fact]
    public async Task AnUnknownServiceIsAUsageErrorListingTheAvailableOnes()
    {
        var run = await PipelineRun.StartAsync(TempRoot.Repository, "Test", "--service", "nope");

        run.ExitCode.ShouldBe(2);
        run.Output.ShouldContain("Unknown service 'nope'. Available: todo-api, todo-worker");
        run.Record.ShouldBeNull();
    }

    [Fact]
    public async Task AFailingTestFailsTheBuildNamingTheTestAndTheTotalsLineCountsIt()
    {
        using var root = TwoServices(failedInB: 1);

        var run = await PipelineRun.StartAsync(root.Path, "Test", "--skip-build-tests");

        run.ExitCode.ShouldBe(1);
        run.Row("Test", "a").Status.ShouldBe(TargetStatus.Succeeded);
        var failed = run.Row("Test", "b");
        failed.Status.ShouldBe(TargetStatus.Failed);
        failed.Note.ShouldBe("2 passed, 1 failed");
        run.Output.ShouldContain("B.Tests.Broken");
        run.Output.Split('\n').ShouldContain("Tests: 5 passed, 1 failed");
    }
}
