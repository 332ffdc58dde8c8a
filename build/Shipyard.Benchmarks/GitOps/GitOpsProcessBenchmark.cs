using System.Globalization;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Benchmarks.GitOps;

using Shipyard.Delivery.GitOps;

/// <summary>
/// Racing CI jobs: <c>writers</c> deploys of different services, each in its own OS process with its own repository
/// object, released together against one bare remote, versus one such process alone (the same protocol, so both
/// figures include the same per-process costs). <paramref name="writerCommand"/> starts one writer process (e.g.
/// <c>dotnet Shipyard.Contender.dll</c>); that process calls <see cref="RunWriterAsync"/>.
/// </summary>
public sealed class GitOpsProcessBenchmark(string workRoot, IReadOnlyList<string> writerCommand)
{
    /// <summary>The variable that hands the writers the remote's token (never on their command lines).</summary>
    private const string TokenVariable = "SHIPYARD_RACE_TOKEN";

    /// <summary>
    /// Runs the race; <paramref name="handOff"/> false measures the backoff-only algorithm for comparison. With
    /// <paramref name="roundTrip"/>, the remote is the real git HTTP server (nginx, git-http-backend, a token) behind a
    /// <see cref="LatencyProxy"/> of that round trip: a remote across a network, where every push and fetch waits for it.
    /// </summary>
    public async Task<GitOpsBenchmarkFigures> RunAsync(int writers, bool handOff, CancellationToken cancellationToken, TimeSpan? roundTrip = null)
    {
        var root = Directory.CreateDirectory(Path.Combine(workRoot, $"gitops-race-{Guid.NewGuid():N}")).FullName;
        await using var server = roundTrip is null ? null : await GitHttpServer.StartAsync();
        await using var proxy = server is null ? null : LatencyProxy.Start(server.Port, roundTrip!.Value);
        try
        {
            var bare = Path.Combine(server?.RepositoryRoot ?? root, "remote.git");
            var local = GitOpsBenchmark.Seed(bare, writers + 3);
            var url = proxy is null ? local : $"http://127.0.0.1:{proxy.Port}/remote.git";
            Dictionary<string, string>? environment = server is null ? null : new() { [TokenVariable] = server.Password };
            IReadOnlyList<string> Args(int service, string tag) =>
                ["gitops-write", url, root, service.ToString(CultureInfo.InvariantCulture), tag, handOff ? "handoff" : "backoff"];

            var singles = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
                singles.Add((await ContenderProcesses.RunAsync(writerCommand, [Args(writers + i, "single")], cancellationToken, environment)).Wall);

            var (wall, lines) = await ContenderProcesses.RunAsync(writerCommand,
                [.. Enumerable.Range(0, writers).Select(i => Args(i, "concurrent"))], cancellationToken, environment);
            var results = lines.Select(l => l.Split(' ')).Select(f => (Attempts: int.Parse(f[0], CultureInfo.InvariantCulture), Commit: f[1] == "-" ? null : f[1])).ToList();
            var (landed, linear) = GitOpsBenchmark.Inspect(local, root, writers, results.Select(r => r.Commit));
            var network = roundTrip is { } rtt ? $", git over HTTP with {rtt.TotalMilliseconds:0} ms round trips" : "";
            return new GitOpsBenchmarkFigures(writers, true, singles.Order().ElementAt(1), wall, landed, linear,
                results.Sum(r => r.Attempts), results.Max(r => r.Attempts),
                $"separate processes, {(handOff ? "hand-off" : "backoff only")}{network}");
        }
        finally
        {
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// The writer process: <c>gitops-write &lt;url&gt; &lt;work-root&gt; &lt;service&gt; &lt;tag&gt; handoff|backoff</c>. Warms up
    /// (reachability check and a dry run), prints <c>ready</c>, waits for a line on <paramref name="input"/>, writes, and
    /// prints <c>done &lt;attempts&gt; &lt;commit or -&gt;</c>.
    /// </summary>
    public static async Task RunWriterAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Count != 6 || args[0] != "gitops-write" || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var service))
            throw new UsageException("usage: gitops-write <url> <work-root> <service-number> <tag> handoff|backoff");
        // SHIPYARD_RACE_LOG=<folder>: each writer's log lines, timestamped, in <folder>/writer-<n>.log (to see where a race spends its time).
        var log = Environment.GetEnvironmentVariable("SHIPYARD_RACE_LOG") is { Length: > 0 } dir ? new TimestampedLog(Path.Combine(dir, $"writer-{service}.log")) : TextWriter.Null;
        var repository = new GitOpsRepository(
            new GitOpsRepositorySettings
            {
                Url = args[1],
                WorkRoot = args[2],
                MaxAttempts = 30,
                HandOff = args[5] == "handoff",
                Token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token : null,
            }, log, TimeProvider.System);
        var change = GitOpsBenchmark.Change(service, args[4]);
        await repository.CheckReachableAsync(cancellationToken);
        await repository.PreviewAsync([change], cancellationToken);
        await output.WriteLineAsync("ready");
        await output.FlushAsync(cancellationToken);
        await input.ReadLineAsync(cancellationToken);
        await log.WriteLineAsync("released");
        var result = await repository.WriteAsync(change, cancellationToken);
        await log.WriteLineAsync($"done after {result.Attempts} push(es)");
        await output.WriteLineAsync($"done {result.Attempts} {result.Commit ?? "-"}");
        await output.FlushAsync(cancellationToken);
    }
}

internal sealed class TimestampedLog(string path) : StringWriter
{
    public override void WriteLine(string? value) => File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {value}\n");

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }
}
