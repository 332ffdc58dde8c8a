using System.Diagnostics;
using System.Text;

namespace Shipyard.Delivery.Processes;

/// <summary>
/// Runs every external command of the build: echoes it with secrets masked, streams or captures its output,
/// kills it on cancellation, and throws <see cref="ProcessFailedException"/> on a non-zero exit.
/// With <paramref name="times"/>, the time inside each command is recorded there (by program name).
/// </summary>
/// <param name="log">Where commands are echoed and streamed output goes.</param>
/// <param name="mask">Replaces secret values in echoed commands and captured output.</param>
/// <param name="times">The run's tool-time accumulator, shared by the runners of one run; null records nothing.</param>
public sealed class ProcessRunner(TextWriter log, Func<string, string> mask, ToolTimes? times = null)
{
    /// <summary>How long a tool that died of SIGINT or SIGTERM waits for this run's own cancellation to show.</summary>
    internal static TimeSpan InterruptGrace { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="fileName"/> and waits for it.</summary>
    /// <param name="fileName">Program to run (looked up on PATH).</param>
    /// <param name="arguments">Arguments, passed without shell interpretation.</param>
    /// <param name="options">Working directory, environment, echo and check settings.</param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    public async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, ProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcessOptions();
        var args = arguments.ToArray();
        var echo = mask(Render(fileName, args));
        if (options.Echo) await log.WriteLineAsync($"> {echo}");

        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = options.StandardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in options.Environment)
        {
            if (v is null) start.Environment.Remove(k);
            else start.Environment[k] = v;
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout, options.StreamOutput);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, stderr, options.StreamOutput);
        var startedAt = times?.Now() ?? 0;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProcessFailedException(echo, new ProcessResult(-1, "", e.Message),
                $"Cannot start '{fileName}': {e.Message}. Is it installed and on PATH?");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (options.StandardInput is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(options.StandardInput);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited without reading its input (a credential helper answering "not found" does):
                // its exit code and output below say what happened, not the broken pipe.
            }
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        finally
        {
            times?.Record(ToolTimes.NameOf(fileName, args), startedAt);
        }
        process.WaitForExit(); // flush the asynchronous readers
        // Ctrl-C in a terminal signals the whole foreground process group: the tool may die of it (128 + SIGINT/SIGTERM)
        // before this process's own handler has cancelled the token. That exit is the interruption, not a failure.
        if (process.ExitCode is 130 or 143 && await CancelledWithinAsync(InterruptGrace, cancellationToken))
            throw new OperationCanceledException($"'{echo}' was interrupted", cancellationToken);

        var result = new ProcessResult(process.ExitCode, mask(stdout.ToString()), mask(stderr.ToString()));
        if (options.Check && result.ExitCode != 0)
            throw new ProcessFailedException(echo, result,
                $"'{echo}' exited with code {result.ExitCode}{Tail(result)}");
        return result;
    }

    private static async Task<bool> CancelledWithinAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return false;
        try
        {
            await Task.Delay(grace, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private void OnLine(string? line, StringBuilder buffer, bool stream)
    {
        if (line is null) return;
        lock (buffer) buffer.AppendLine(line);
        if (stream) lock (log) log.WriteLine(mask(line));
    }

    private static string Tail(ProcessResult result)
    {
        var text = (result.StandardError.Trim().Length > 0 ? result.StandardError : result.StandardOutput).Trim();
        if (text.Length == 0) return "";
        var lines = text.Split('\n');
        return ": " + string.Join(" | ", lines.TakeLast(5).Select(l => l.Trim()));
    }

    private static string Render(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { fileName }.Concat(args).Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%^".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
