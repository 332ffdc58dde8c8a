using Shipyard.Benchmarks;
using Shipyard.Benchmarks.Reliability;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Records;

namespace Shipyard.Delivery.Tests.Reliability;

/// <summary>The one table of <c>./build.sh Reliability</c>, from figures given here (the pure part; the run is not tested).</summary>
public sealed class ReliabilityReportTests
{
    private static readonly IReadOnlyList<string> All = ReliabilityKinds.All;

    private static readonly RecordedFigures Held = RecordedFigures.Parse([
        "lost updates\t0\t200", "failed writes\t0\t200", "merge commits\t0\t201",
        .. Enumerable.Repeat("bad-input cases\t1\t1", 70),
        "secret occurrences\t0\t7",
    ]);

    private static readonly BenchmarkRow[] Benchmarks =
    [
        new("gitops: 20 racing jobs (processes), backoff only", "56.9x one job's git step, 7.1 push attempts per job", "<= 10x, <= 2 attempts/job, all landed, linear", false, "20/20 landed, linear"),
        new("locks: git-ref, 4 processes", "0 double holders in 1000 acquisitions", "0 double holders", true, "158.5 s"),
    ];

    private static TestOutcomes Passed(int n) => new(n, 0, 0, []);

    private static SavedRun Deploy(double wall, double own) => new(
        new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero), new Dictionary<string, string> { ["Deploy"] = "Succeeded" }, 0,
        new ToolTimeSummary(TimeSpan.FromSeconds(wall), TimeSpan.FromSeconds(wall - own),
            [KeyValuePair.Create("dotnet", TimeSpan.FromSeconds(78)), KeyValuePair.Create("buildah", TimeSpan.FromSeconds(7))]));

    private static ReliabilityInputs Everything => new()
    {
        Kinds = All,
        Tests = new Dictionary<string, TestOutcomes>
        {
            ["concurrency"] = Passed(14),
            ["faults"] = Passed(52),
            ["bad-input"] = Passed(75),
            ["secrets"] = Passed(10),
        },
        Figures = Held,
        Benchmarks = Benchmarks,
        Deploy = Deploy(91, 3.5),
        Load = "7.1 6.0 5.2 → 9.0 7.0 5.5",
        Cores = 2,
    };

    private static BenchmarkRow Row(ReliabilityReport report, string name) => report.Rows.Single(r => r.Name == name);

    [Fact]
    public void EveryFigureComesOutWithItsGoalAndMarkInOneTable()
    {
        var report = ReliabilityReport.Of(Everything);

        report.Rows.Select(r => (r.Name, r.Figure, r.Goal, r.Mark)).ShouldBe([
            ("lost updates", "0 of 200 writes; history linear", "0, none failed, history linear", "PASS"),
            ("gitops: 20 racing jobs (processes), backoff only", "56.9x one job's git step, 7.1 push attempts per job", "<= 10x, <= 2 attempts/job, all landed, linear", "MISS"),
            ("locks: git-ref, 4 processes", "0 double holders in 1000 acquisitions", "0 double holders", "PASS"),
            ("fault paths held", "52/52 tests", "all held", "PASS"),
            ("bad-input cases held", "70/70 cases", ">= 40 cases, all held", "PASS"),
            ("secret occurrences", "0 (7 canaries)", "0", "PASS"),
            ("orchestration overhead", "3.8 % own (3.5 s of 91.0 s wall)", "<= 5 %", "PASS"),
        ]);
        report.TestsFailed.ShouldBeFalse();
        report.Summary.ShouldBe("Tests: concurrency 14/14 passed, faults 52/52 passed, bad-input 75/75 passed, secrets 10/10 passed; 6 PASS, 1 MISS, 0 skipped");
    }

    [Fact]
    public void ThePlainTableAlignsItsColumnsAndEndsWithTheLoad()
    {
        var lines = ReliabilityReport.Of(Everything).Table(markdown: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].ShouldStartWith("Reliability                                       Figure ");
        lines.ShouldContain(l => l.StartsWith("bad-input cases held                              70/70 cases ", StringComparison.Ordinal)
            && l.EndsWith("PASS  one line, exit 2, git status clean, nothing pushed: bad-input tests 75/75 passed", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("orchestration overhead ", StringComparison.Ordinal)
            && l.EndsWith("newest successful Deploy (2026-12-03 09:30 UTC): 87.5 s in tools (dotnet 78.0 s, buildah 7.0 s)", StringComparison.Ordinal));
        lines[^1].ShouldBe("load average (1, 5, 15 min) before -> after: 7.1 6.0 5.2 -> 9.0 7.0 5.5; 2 cores");
        lines.Select(l => l.IndexOf(" Goal ", StringComparison.Ordinal)).First().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TheMarkdownTableEscapesPipesForTheStepSummary()
    {
        var inputs = Everything with { Benchmarks = [Benchmarks[0] with { Detail = "a | b" }] };

        var markdown = ReliabilityReport.Of(inputs).Table(markdown: true);

        markdown.ShouldStartWith("### Reliability\n\n| Reliability | Figure | Goal | Mark | Detail |\n|---|---|---|---|---|\n");
        markdown.ShouldContain("| a \\| b |");
    }

    [Fact]
    public void AFailedTestFailsTheReportAndIsNamedBesideItsFigure()
    {
        var failed = new TestOutcomes(50, 2, 0, ["Build.Tests.Deploy.SsmPipelineTests.CtrlCWhileTheCommandRuns", "Shipyard.Delivery.Tests.Ssm.SsmSweepTests.TheSweep(age: 3)"]);
        var inputs = Everything with { Tests = new Dictionary<string, TestOutcomes>(Everything.Tests) { ["faults"] = failed } };

        var report = ReliabilityReport.Of(inputs);

        report.TestsFailed.ShouldBeTrue();
        var row = Row(report, "fault paths held");
        (row.Figure, row.Mark).ShouldBe(("50/52 tests", "MISS"));
        row.Detail.ShouldEndWith("faults tests 50/52 passed, 2 failed (SsmPipelineTests.CtrlCWhileTheCommandRuns, SsmSweepTests.TheSweep)");
    }

    [Fact]
    public void FiguresOverTheirGoalsAreMisses()
    {
        var inputs = Everything with
        {
            Figures = RecordedFigures.Parse(["lost updates\t1\t200", "merge commits\t0\t201", "bad-input cases\t39\t39", "secret occurrences\t2\t7"]),
            Deploy = Deploy(60, 4),
        };

        var report = ReliabilityReport.Of(inputs);

        Row(report, "lost updates").Mark.ShouldBe("MISS");
        Row(report, "bad-input cases held").Mark.ShouldBe("MISS", "fewer than 40 cases");
        Row(report, "secret occurrences").Figure.ShouldBe("2 (7 canaries)");
        Row(report, "secret occurrences").Mark.ShouldBe("MISS");
        Row(report, "orchestration overhead").Figure.ShouldBe("6.7 % own (4.0 s of 60.0 s wall)");
        Row(report, "orchestration overhead").Mark.ShouldBe("MISS");
        report.TestsFailed.ShouldBeFalse("a figure over its goal is a miss, not a failed test");
    }

    [Fact]
    public void AFailedWriteIsNotALostUpdateButMissesTheGoal()
    {
        var inputs = Everything with { Figures = RecordedFigures.Parse(["lost updates\t0\t199", "failed writes\t1\t200", "merge commits\t0\t200"]) };

        var row = Row(ReliabilityReport.Of(inputs), "lost updates");

        (row.Figure, row.Mark).ShouldBe(("0 of 199 writes; 1 failed; history linear", "MISS"));
    }

    [Fact]
    public void AFigureNoTestRecordedSaysSoAndIsAMiss()
    {
        var report = ReliabilityReport.Of(Everything with { Figures = RecordedFigures.None });

        var row = Row(report, "lost updates");
        (row.Figure, row.Mark).ShouldBe(("not recorded", "MISS"));
        row.Detail.ShouldBe("the concurrency tests recorded no lost-updates count; tests 14/14 passed");
    }

    [Fact]
    public void WithoutASavedDeployRunTheOverheadRowSaysWhatToRun()
    {
        var row = Row(ReliabilityReport.Of(Everything with { Deploy = null }), "orchestration overhead");

        (row.Figure, row.Goal, row.Mark).ShouldBe(("not recorded", "<= 5 %", "MISS"));
        row.Detail.ShouldBe("no Deploy run recorded: run ./build.sh Deploy --service todo-api first");
    }

    [Fact]
    public void KindsNotAskedForAreSkippedAndTheirTestsLeftOutOfTheSummary()
    {
        var inputs = Everything with
        {
            Kinds = ["bad-input", "secrets"],
            Tests = new Dictionary<string, TestOutcomes> { ["bad-input"] = Passed(75), ["secrets"] = Passed(10) },
            Benchmarks = [],
        };

        var report = ReliabilityReport.Of(inputs);

        report.Rows.Where(r => r.Mark == "SKIP").Select(r => r.Name)
            .ShouldBe(["lost updates", "locks: double holders across processes", "gitops: racing jobs (processes)", "fault paths held"]);
        Row(report, "fault paths held").Detail.ShouldBe("not asked for (--reliability bad-input,secrets)");
        report.Summary.ShouldStartWith("Tests: bad-input 75/75 passed, secrets 10/10 passed; ");
    }
}
