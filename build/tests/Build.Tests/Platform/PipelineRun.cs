using System.Collections;
using Shipyard.Engine;

namespace Build.Tests.Platform;

/// <summary>Runs the real Pipeline in-process, as <c>./build.sh</c> would, and captures what it printed and recorded.</summary>
internal sealed record PipelineRun(int ExitCode, string Output, RunRecord? Record)
{
    // Variables of an outer run (GitHub Actions, or the build's own Test target) must not leak into the run under test.
    private static readonly string[] Isolated = ["GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "SHIPYARD_NESTED_TEST_RUN"];

    public static Task<PipelineRun> StartAsync(string root, params string[] args) => StartAsync(root, null, null, args);

    /// <summary>Runs with environment overrides, and a hook that sees the pipeline before it runs (to add notifiers).</summary>
    public static Task<PipelineRun> StartAsync(
        string root, IReadOnlyDictionary<string, string>? overrides, Action<Pipeline>? configure, params string[] args) =>
        StartAsync(root, overrides, configure, null, null, args);

    /// <summary>As above, cancelled by <paramref name="cancellation"/> (Ctrl-C) instead of the test's token, on <paramref name="time"/>'s clock.</summary>
    public static async Task<PipelineRun> StartAsync(
        string root, IReadOnlyDictionary<string, string>? overrides, Action<Pipeline>? configure, CancellationToken? cancellation, TimeProvider? time, params string[] args)
    {
        var environment = System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => !Isolated.Contains((string)e.Key))
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) environment[key] = value;
        var output = new StringWriter();
        var pipeline = new Pipeline();
        configure?.Invoke(pipeline);
        var session = new BuildSession(TextWriter.Synchronized(output), environment, root, cancellation ?? TestContext.Current.CancellationToken, time ?? TimeProvider.System);
        var exitCode = await BuildRunner.RunAsync(pipeline, [.. args, "--root", root, "--no-logo"], session);
        return new PipelineRun(exitCode, output.ToString(), pipeline.Record);
    }

    /// <summary>The row of <paramref name="item"/> under the Test target.</summary>
    public RunRecordRow Row(string target, string? item) =>
        Record.ShouldNotBeNull(Output).Rows.SingleOrDefault(r => r.Target == target && r.Item == item).ShouldNotBeNull($"no row {target} ({item}):\n{Output}");
}
