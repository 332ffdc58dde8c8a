using Shipyard.Benchmarks.Reliability;
using Shipyard.Engine;

// Reliability: composes the suite from Shipyard.Benchmarks/Reliability and shows its one table; the tests, figures and
// benchmarks live there. Standalone: nothing depends on it or triggers it, so ./build.sh Test and CI never run it.
partial class Pipeline
{
    [Parameter("Reliability: which kinds of the reliability suite to run (concurrency, faults, bad-input, secrets; repeat or comma-separate); default: all", Name = "reliability")]
    readonly string[] ReliabilitySelection = [];

    Target Reliability => _ => _
        .Description("Runs the reliability suite (tests tagged Reliability=concurrency|faults|bad-input|secrets, racing GitOps jobs and lock contention across processes) and prints its figures against their goals")
        .Executes(async context =>
        {
            var suite = ReliabilitySuite.Create(BenchmarkSettings(), ToolRunner(context.Output), // context.Output masks secrets
                new Dictionary<string, string?> { [NestedTestRunVariable] = "1" }, context.Output);
            var report = await suite.RunAsync(SelectedReliabilityKinds(), context.CancellationToken);
            foreach (var row in report.Rows) context.Fact(row.Name, $"{row.Figure} ({row.Mark})");
            await context.Output.WriteAsync(report.Table(markdown: false));
            context.Host.AppendSummary(report.Table(markdown: true));
            context.Note(report.Summary);
            if (report.TestsFailed)
                throw new BuildFailedException($"Reliability tests failed: {string.Join(", ", report.Tests.Where(t => t.Value.Failed > 0 || t.Value.Error is not null).Select(t => $"{t.Key} {t.Value.Text}"))}. " +
                    "Run a kind's tests alone with: dotnet test --solution Shipyard.slnx --filter-trait \"Reliability=<kind>\"");
        });

    IReadOnlyList<string> SelectedReliabilityKinds() => ReliabilityKinds.Select(ReliabilitySelection, "--reliability");
}
