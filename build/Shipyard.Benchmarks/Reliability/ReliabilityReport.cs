using System.Globalization;
using Shipyard.Delivery.Records;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>
/// The reliability figures in one table, each with its goal and PASS/MISS: lost updates, double holders, racing
/// writers, fault paths held, bad-input cases held, secret occurrences and orchestration overhead. Pure: built from
/// <see cref="ReliabilityInputs"/> by <see cref="Of"/>.
/// </summary>
/// <param name="Rows">The table's rows.</param>
/// <param name="Tests">Every asked-for kind's test outcomes, in <see cref="ReliabilityKinds.All"/> order.</param>
/// <param name="Load">Load average (1, 5, 15 min) before → after.</param>
/// <param name="Cores">Processor count.</param>
public sealed record ReliabilityReport(IReadOnlyList<BenchmarkRow> Rows, IReadOnlyList<KeyValuePair<string, TestOutcomes>> Tests, string Load, int Cores)
{
    /// <summary>The goal of the bad-input corpus's size.</summary>
    public const int MinimumBadInputCases = 40;

    /// <summary>True when a test of an asked-for kind failed or could not run (the target then exits with 1).</summary>
    public bool TestsFailed => Tests.Any(t => t.Value.Failed > 0 || t.Value.Error is not null);

    /// <summary>"Tests: concurrency 14/14 passed, ...; 6 PASS, 1 MISS, 1 skipped".</summary>
    public string Summary =>
        $"Tests: {string.Join(", ", Tests.Select(t => $"{t.Key} {t.Value.Text}"))}; " +
        $"{Rows.Count(r => r.Met == true)} PASS, {Rows.Count(r => r.Mark == "MISS")} MISS, {Rows.Count(r => r.Mark == "SKIP")} skipped";

    /// <summary>The table: aligned plain text for the log, or Markdown for the CI summary.</summary>
    public string Table(bool markdown) => RowTable.Format("Reliability", ["Reliability", "Figure", "Goal", "Mark", "Detail"], Rows,
        markdown ? $"Load average (1, 5, 15 min) before → after: {Load}, {Cores} cores." : $"load average (1, 5, 15 min) before -> after: {Load.Replace("→", "->")}; {Cores} cores",
        markdown);

    /// <summary>The report of <paramref name="inputs"/>.</summary>
    public static ReliabilityReport Of(ReliabilityInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        bool Asked(string kind) => inputs.Kinds.Contains(kind);
        TestOutcomes Tests(string kind) => inputs.Tests.GetValueOrDefault(kind) ?? TestOutcomes.None;
        BenchmarkRow Skipped(string name) =>
            new(name, "not run", "", null, $"not asked for (--reliability {string.Join(",", inputs.Kinds)})", Optional: true);

        var rows = new List<BenchmarkRow>();
        if (Asked(ReliabilityKinds.Concurrency))
        {
            rows.Add(LostUpdates(inputs.Figures, Tests(ReliabilityKinds.Concurrency)));
            rows.AddRange(inputs.Benchmarks);
        }
        else rows.AddRange([Skipped("lost updates"), Skipped("locks: double holders across processes"), Skipped("gitops: racing jobs (processes)")]);
        rows.Add(Asked(ReliabilityKinds.Faults) ? FaultPaths(Tests(ReliabilityKinds.Faults)) : Skipped("fault paths held"));
        rows.Add(Asked(ReliabilityKinds.BadInput) ? BadInputCases(inputs.Figures, Tests(ReliabilityKinds.BadInput)) : Skipped("bad-input cases held"));
        rows.Add(Asked(ReliabilityKinds.Secrets) ? SecretOccurrences(inputs.Figures, Tests(ReliabilityKinds.Secrets)) : Skipped("secret occurrences"));
        rows.Add(Overhead(inputs.Deploy));
        return new ReliabilityReport(rows, [.. ReliabilityKinds.All.Where(Asked).Select(k => KeyValuePair.Create(k, Tests(k)))], inputs.Load, inputs.Cores);
    }

    private static BenchmarkRow LostUpdates(RecordedFigures figures, TestOutcomes tests)
    {
        const string name = "lost updates", goal = "0, none failed, history linear";
        if (figures.Find("lost updates") is not { } lost) return NotRecorded(name, goal, tests, "the concurrency tests recorded no lost-updates count");
        var merges = figures.Find("merge commits");
        var history = merges is null ? "history not checked" : merges.Value == 0 ? "history linear" : $"{merges.Value} merge commits";
        var failed = figures.Find("failed writes")?.Value ?? 0;
        return new(name, $"{lost.Value} of {lost.Total} writes{(failed > 0 ? $"; {failed} failed" : "")}; {history}", goal,
            lost.Value == 0 && failed == 0 && merges?.Value == 0,
            $"separate GitOps writers racing in rounds on one remote; concurrency tests {tests.Text}{FailedList(tests)}");
    }

    private static BenchmarkRow FaultPaths(TestOutcomes tests) =>
        new("fault paths held", tests.Error is null ? $"{tests.Passed}/{tests.Ran} tests" : "not run", "all held",
            tests.Error is null ? tests.Held : null, $"lock released, bucket gone, clear error, exit code, rollback: faults tests {tests.Text}{FailedList(tests)}");

    private static BenchmarkRow BadInputCases(RecordedFigures figures, TestOutcomes tests)
    {
        const string name = "bad-input cases held";
        var goal = $">= {MinimumBadInputCases} cases, all held";
        if (figures.Find("bad-input cases") is not { } cases) return NotRecorded(name, goal, tests, "the bad-input corpus recorded no cases");
        return new(name, $"{cases.Value}/{cases.Total} cases", goal, cases.Total >= MinimumBadInputCases && cases.Value == cases.Total,
            $"one line, exit 2, git status clean, nothing pushed: bad-input tests {tests.Text}{FailedList(tests)}");
    }

    private static BenchmarkRow SecretOccurrences(RecordedFigures figures, TestOutcomes tests)
    {
        const string name = "secret occurrences", goal = "0";
        if (figures.Find("secret occurrences") is not { } found) return NotRecorded(name, goal, tests, "the secret canary test recorded no count");
        return new(name, $"{found.Value} ({found.Total} canaries)", goal, found.Value == 0 && found.Total > 0,
            $"output, run record, API bodies, git history and config, .nuke/temp: secrets tests {tests.Text}{FailedList(tests)}");
    }

    private static BenchmarkRow Overhead(SavedRun? deploy)
    {
        const string name = "orchestration overhead", goal = "<= 5 %";
        if (deploy is null) return new(name, "not recorded", goal, null, "no Deploy run recorded: run ./build.sh Deploy --service todo-api first");
        var t = deploy.Time;
        var tools = string.Join(", ", t.ByTool.Select(p => $"{p.Key} {Seconds(p.Value)}"));
        return new(name, $"{t.OwnPercent.ToString("0.0", CultureInfo.InvariantCulture)} % own ({Seconds(t.Own)} of {Seconds(t.Wall)} wall)", goal,
            t.OwnPercent <= 5,
            $"newest successful Deploy ({deploy.Finished.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC): {Seconds(t.InTools)} in tools{(tools.Length > 0 ? $" ({tools})" : "")}");
    }

    private static BenchmarkRow NotRecorded(string name, string goal, TestOutcomes tests, string why) =>
        new(name, "not recorded", goal, null, $"{why}; tests {tests.Text}{FailedList(tests)}");

    // The failed tests by class and method (the namespace adds nothing here), at most three.
    private static string FailedList(TestOutcomes tests)
    {
        if (tests.FailedTests.Count == 0) return "";
        var names = tests.FailedTests.Take(3).Select(n => string.Join('.', n.Split('(')[0].Split('.').TakeLast(2)));
        return $" ({string.Join(", ", names)}{(tests.FailedTests.Count > 3 ? $", +{tests.FailedTests.Count - 3} more" : "")})";
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
