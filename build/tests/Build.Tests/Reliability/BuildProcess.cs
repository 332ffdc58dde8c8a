using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Build.Tests.Reliability;

/// <summary>
/// The compiled build (<c>_build.dll</c>) running as its own OS process against a test world, as <c>./build.sh</c>
/// runs it: real signal handling, real child processes. Its output is collected line by line, so a test can wait for
/// a stage to be provably under way before it delivers a signal.
/// </summary>
internal sealed class BuildProcess : IDisposable
{
    // Variables of an outer run (GitHub Actions, or the build's own Test target) must not leak into the run under test.
    private static readonly string[] Isolated = ["GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "SHIPYARD_NESTED_TEST_RUN"];

    // The build's own output folder: the test folder holds a _build.dll too, but without the runtime files it needs alone.
    private static readonly string BuildDll = Path.Combine(Platform.TempRoot.Repository, "build", "_build", "bin", "Debug", "net10.0", "_build.dll");

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private BuildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the build printed so far (stdout and stderr, interleaved by arrival).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The one line an interrupted run ends with (what was left, what to run next); fails when there is not exactly one.</summary>
    public string InterruptedLine =>
        Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("Interrupted: ", StringComparison.Ordinal)).ShouldHaveSingleItem(Output);

    /// <summary>Starts the build in <paramref name="root"/> with <paramref name="environment"/> added to this process's.</summary>
    public static BuildProcess Start(string root, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(root, environment, ownProcessGroup: false, args);

    /// <summary>
    /// As above; with <paramref name="ownProcessGroup"/> the build leads a process group of its own (as a shell's
    /// foreground job does), so <see cref="InterruptGroupAsync"/> can signal it and its children together, as Ctrl-C does.
    /// </summary>
    public static BuildProcess Start(string root, IReadOnlyDictionary<string, string> environment, bool ownProcessGroup, params string[] args)
    {
        File.Exists(BuildDll).ShouldBeTrue($"{BuildDll} is missing: run 'dotnet build build/_build' first");
        string[] command = ["dotnet", BuildDll, .. args, "--root", root, "--no-logo"];
        // setsid execs the build in place (same pid) as the leader of a new session and process group.
        var start = new ProcessStartInfo(ownProcessGroup ? "setsid" : command[0], ownProcessGroup ? command : command[1..])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => (string)e.Key).Where(Isolated.Contains))
            start.Environment.Remove(name);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["NO_COLOR"] = "1";
        return new BuildProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (a fake saw the stage's request, a marker file exists, a line was
    /// printed); fails with the output so far if the build ends first or nothing happens within <paramref name="limit"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(45));
        while (!condition())
        {
            _process.HasExited.ShouldBeFalse($"the build ended (exit code {(_process.HasExited ? _process.ExitCode : 0)}) before {what}:\n{Output}");
            (DateTime.UtcNow < deadline).ShouldBeTrue($"{what} did not happen within {limit ?? TimeSpan.FromSeconds(45)}:\n{Output}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until the build printed a line containing <paramref name="text"/>.</summary>
    public Task WaitForLineAsync(string text, TimeSpan? limit = null) =>
        WaitUntilAsync(() => Output.Contains(text, StringComparison.Ordinal), $"a line with '{text}'", limit);

    /// <summary>Delivers SIGINT to the build (what Ctrl-C in a terminal does to it) and waits for it to end.</summary>
    public async Task<int> InterruptAsync(TimeSpan? limit = null)
    {
        Signal("INT");
        return await WaitForExitAsync(limit ?? TimeSpan.FromSeconds(50));
    }

    /// <summary>
    /// Delivers SIGINT to the build's whole process group (what Ctrl-C in a terminal does: the build and every child it
    /// runs get it at once) and waits for the build to end.
    /// </summary>
    public async Task<int> InterruptGroupAsync(TimeSpan? limit = null)
    {
        Signal("INT", group: true);
        return await WaitForExitAsync(limit ?? TimeSpan.FromSeconds(50));
    }

    /// <summary>Waits for the build to end on its own; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"the build did not end within {limit}:\n{Output}");
        }
        await _closed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        _process.Dispose();
    }

    private void Signal(string signal, bool group = false)
    {
        var pid = _process.Id.ToString(CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", [$"-{signal}", "--", group ? "-" + pid : pid])!;
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0) _closed.TrySetResult();
            return;
        }
        lock (_output) _output.AppendLine(line);
    }
}
