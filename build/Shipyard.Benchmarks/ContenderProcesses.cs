using System.Diagnostics;
using Shipyard.Engine;

namespace Shipyard.Benchmarks;

using Shipyard.Delivery.Processes;

/// <summary>
/// Runs contenders as separate OS processes started together, as separate CI jobs would race: each prints
/// <c>ready</c> once warmed up (runtime loaded, code jitted), waits for <c>go</c> on its standard input, does its work and
/// prints one <c>done …</c> line. The wall time runs from the first <c>go</c> to the last <c>done</c>, so process start-up
/// (which real jobs pay on their own machines) is not counted.
/// </summary>
internal static class ContenderProcesses
{
    /// <summary>Starts one process per argument list, releases them together, returns the wall time and each one's <c>done</c> line (without <c>done </c>).</summary>
    public static async Task<(TimeSpan Wall, string[] Results)> RunAsync(
        IReadOnlyList<string> command, IReadOnlyList<IReadOnlyList<string>> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var processes = arguments.Select(a => Start(command, a, environment)).ToList();
        try
        {
            await Task.WhenAll(processes.Select(p => ExpectAsync(p, "ready", cancellationToken)));
            var watch = Stopwatch.StartNew();
            foreach (var p in processes) await p.StandardInput.WriteLineAsync("go");
            var results = await Task.WhenAll(processes.Select(p => ExpectAsync(p, "done", cancellationToken)));
            var wall = watch.Elapsed;
            foreach (var p in processes) await p.WaitForExitAsync(cancellationToken);
            return (wall, results);
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.Dispose();
            }
        }
    }

    private static Process Start(IReadOnlyList<string> command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1).Concat(arguments)) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new BuildFailedException($"Could not start the contender {command[0]}");
        process.StandardInput.AutoFlush = true;
        return process;
    }

    // A contender that dies or says something else fails the run with its own words (stderr's last lines).
    private static async Task<string> ExpectAsync(Process process, string word, CancellationToken cancellationToken)
    {
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == word) return "";
            if (line.StartsWith(word + " ", StringComparison.Ordinal)) return line[(word.Length + 1)..];
        }
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        var tail = string.Join(" | ", error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        throw new BuildFailedException($"A contender process exited before saying '{word}': {tail}");
    }
}
