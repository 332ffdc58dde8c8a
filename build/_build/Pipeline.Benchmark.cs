using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using k8s;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Changes;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Sandbox;
using Shipyard.Engine;

partial class Pipeline
{
    /// <summary>How big the benchmark inputs are: <c>Small</c> is a smoke run, <c>Full</c> the sizes the goals are set for.</summary>
    internal enum BenchmarkScale { Small, Full }

    /// <summary>The benchmarks <c>--benchmark</c> accepts, in the order they run.</summary>
    internal static readonly string[] BenchmarkNames = ["help", "changes", "catalog", "images", "gitops", "locks"];

    [Parameter("Benchmark: input sizes, small (a smoke run) or full (1,000 services / 100,000 files, 20 concurrent deploys ...)")]
    readonly BenchmarkScale BenchmarkSize = BenchmarkScale.Full;

    [Parameter("Benchmark: which to run (help, changes, catalog, images, gitops, locks; repeat or comma-separate); default: all", Name = "benchmark")]
    readonly string[] BenchmarkSelection = [];

    /// <summary>One line of the benchmark table. <paramref name="Met"/> is null when the benchmark did not run.</summary>
    internal sealed record BenchmarkRow(string Name, string Figure, string Goal, bool? Met, string Detail, bool Optional = false)
    {
        public string Mark => Met switch { true => "PASS", false => "MISS", null => Optional ? "SKIP" : "MISS" };
    }

    Target Benchmark => _ => _
        .Description("Measures the build's speed against baselines run in the same process: --help startup, change detection, catalog load, tag pushes, GitOps concurrency, deploy locks")
        .Executes(async context =>
        {
            var selected = SelectedBenchmarks();
            var loadBefore = LoadAverage();
            var full = BenchmarkSize == BenchmarkScale.Full;
            var rows = new List<BenchmarkRow>();
            // One after another, never in parallel: each timing has the machine to itself.
            foreach (var name in selected)
            {
                await context.Output.WriteLineAsync($"--- benchmark {name} ({BenchmarkSize.ToString().ToLowerInvariant()}) ---");
                var watch = Stopwatch.StartNew();
                try
                {
                    rows.AddRange(name switch
                    {
                        "help" => await HelpBenchmarkAsync(context, full),
                        "changes" => await ChangesBenchmarkAsync(context, full),
                        "catalog" => [CatalogBenchmarkRow(full)],
                        "images" => [await ImagesBenchmarkAsync(context, full)],
                        "gitops" => await GitOpsBenchmarkAsync(context, full),
                        _ => await LockBenchmarksAsync(context, full),
                    });
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    rows.Add(new BenchmarkRow(name, "not run", "", null, Reason(e)));
                }
                await context.Output.WriteLineAsync($"--- {name} done in {watch.Elapsed.TotalSeconds:F1} s ---");
            }
            foreach (var row in rows) context.Fact($"{row.Name}", $"{row.Figure} ({row.Mark})");
            var load = $"{loadBefore} → {LoadAverage()}";
            await context.Output.WriteAsync(BenchmarkTable(rows, load, markdown: false));
            context.Host.AppendSummary(BenchmarkTable(rows, load, markdown: true));
            var notRun = rows.Where(r => r.Met is null && !r.Optional).ToList();
            context.Note($"{rows.Count(r => r.Met == true)} PASS, {rows.Count(r => r.Met == false)} MISS, {notRun.Count} not run; load {load}");
            if (notRun.Count > 0)
                throw new BuildFailedException($"Benchmark could not run {string.Join(", ", notRun.Select(r => r.Name))}: " +
                    $"{string.Join("; ", notRun.Select(r => r.Detail.TrimEnd('.')))}. Install what is missing and run it again.");
        });

    /// <summary>The BenchmarkChanges target of earlier versions: the change-detection benchmark alone.</summary>
    Target BenchmarkChanges => _ => _
        .Description("Times change detection on a generated 100,000-file monorepo against git diff --name-only")
        .Unlisted()
        .Executes(async context =>
        {
            var rows = await ChangesBenchmarkAsync(context, BenchmarkSize == BenchmarkScale.Full);
            context.Note($"{rows[0].Figure} (goal {rows[0].Goal}: {rows[0].Mark})");
        });

    string[] SelectedBenchmarks()
    {
        var names = BenchmarkSelection.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToLowerInvariant()).ToArray();
        if (names.FirstOrDefault(n => !BenchmarkNames.Contains(n)) is { } unknown)
            throw new UsageException($"--benchmark does not accept '{unknown}'. Allowed: {string.Join(", ", BenchmarkNames)}");
        return names.Length == 0 ? BenchmarkNames : [.. BenchmarkNames.Where(names.Contains)];
    }

    /// <summary>Runs build/benchmarks/help-startup.sh (it compiles the bootstrap baseline into its own temp folder) and reads its medians.</summary>
    async Task<BenchmarkRow[]> HelpBenchmarkAsync(TargetContext context, bool full)
    {
        var script = Path.Combine(RootDirectory, "build", "benchmarks", "help-startup.sh");
        var result = await new ProcessRunner(context.Output, Mask).RunAsync(script, full ? ["15", "3"] : ["3", "1"],
            new ProcessOptions { WorkingDirectory = RootDirectory }, context.CancellationToken);
        await context.Output.WriteAsync(result.StandardOutput);
        double Ms(string label) => double.Parse(Regex.Match(result.StandardOutput, Regex.Escape(label) + @"[^:]*:\s+(\d+) ms").Groups[1].Value, CultureInfo.InvariantCulture);
        var (help, dotnet, bootstrap) = (Ms("./build.sh --help (warm"), Ms("dotnet --version (baseline"), Ms("dotnet build + dotnet run --no-build"));
        var speedUp = bootstrap / help;
        return
        [
            new("help: warm ./build.sh --help", $"{help:0} ms = {help / dotnet:0.00}x `dotnet --version` ({dotnet:0} ms)", "<= 300 ms", help <= 300, "median wall time"),
            new("help: vs dotnet build + run", $"{speedUp:0.0}x faster ({bootstrap:0} ms)", ">= 7x", speedUp >= 7, "NUKE-style bootstrap on the same project"),
        ];
    }

    async Task<BenchmarkRow[]> ChangesBenchmarkAsync(TargetContext context, bool full)
    {
        var work = Directory.CreateTempSubdirectory("shipyard-changes-benchmark-");
        try
        {
            var f = await new ChangesBenchmark(new ProcessRunner(TextWriter.Null, s => s), context.Output).RunAsync(work.FullName,
                services: full ? 1000 : 50, filesPerService: full ? 100 : 20, changeEvery: 20, runs: full ? 11 : 3, context.CancellationToken);
            return
            [
                new("changes: affected set", $"{f.GitCliRatio:0.00}x `git diff --name-only` ({f.GitCli.TotalMilliseconds:0} vs {f.GitDiff.TotalMilliseconds:0} ms)",
                    "<= 1.5x", f.GitCliRatio <= 1.5,
                    $"{f.Files:N0} files, {f.Services:N0} services, {f.ChangedFiles:N0} changed, {f.AffectedServices:N0} affected; " +
                    $"alternatives: LibGit2Sharp tree diff {f.TreeDiffRatio:0.00}x, tree walk {f.TreeWalkRatio:0.00}x"),
            ];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    BenchmarkRow CatalogBenchmarkRow(bool full)
    {
        var f = CatalogBenchmark.Run(RootDirectory, iterations: full ? 200 : 20);
        return new("catalog: load", $"first {f.FirstLoadMs:0.0} ms; warm {f.LoadMedianMs:0.00} ms = {f.Ratio:0.0}x folder scan", "first load <= 100 ms",
            f.FirstLoadMs <= 100, $"{f.Services} services; the first load includes JIT and assembly loading, as every build start pays");
    }

    /// <summary>A throw-away registry (the local sandbox's, on a free port and a temp folder) holding a busybox image.</summary>
    async Task<BenchmarkRow> ImagesBenchmarkAsync(TargetContext context, bool full)
    {
        var root = Directory.CreateTempSubdirectory("shipyard-images-benchmark-").FullName;
        var registry = $"127.0.0.1:{FreeLoopbackPort()}";
        var settings = new SandboxSettings(root, registry, GitOpsRemote: null, RuntimeImage: $"{registry}/benchmark-base:1");
        var runner = new ProcessRunner(context.Output, Mask);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var part in await new LocalSandbox(settings, runner, http).EnsureAsync(context.CancellationToken))
                await context.Output.WriteLineAsync(part);
            var tags = full ? 20 : 3;
            var f = await new ImagesBenchmark(registry, null, Time).RunAsync("benchmark-base", "1", tags, context.CancellationToken);
            await context.Output.WriteLineAsync(f.ToString());
            return new("images: tags via registry API", $"{f.Ratio:0.0000}x the image bytes for {tags} tags ({f.BytesSent:N0} of {f.ImageBytes:N0} B)",
                "<= 0.1x (a push per tag: 1x each)", f.Ratio <= 0.1, $"{f.Requests} requests in {f.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            var pidFile = Path.Combine(settings.StateDirectory, "registry.pid");
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
                try { using var p = Process.GetProcessById(pid); p.Kill(); await p.WaitForExitAsync(); } catch (ArgumentException) { }
            await runner.RunAsync("buildah", ["rmi", "--force", settings.RuntimeImage!], new ProcessOptions { Check = false, Echo = false });
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    async Task<BenchmarkRow[]> GitOpsBenchmarkAsync(TargetContext context, bool full)
    {
        var writers = full ? 20 : 4;
        var rows = new List<BenchmarkRow>();
        foreach (var separate in new[] { false, true })
        {
            var f = await new GitOpsBenchmark(Path.GetTempPath(), Time).RunAsync(writers, separate, context.CancellationToken);
            await context.Output.WriteLineAsync(f.ToString());
            rows.Add(new($"gitops: {writers} deploys, {(separate ? "separate jobs" : "one pipeline")}",
                $"{f.Ratio:0.0}x one deploy's git step ({f.ConcurrentWall.TotalMilliseconds:0} vs {f.SingleWrite.TotalMilliseconds:0} ms)",
                // Separate jobs racing on one remote serialize by nature: only losing no deploy is a goal there.
                separate ? "all landed, linear" : "<= 3x, all landed, linear",
                (separate || f.Ratio <= 3) && f.Landed == writers && f.Linear,
                $"{f.Landed}/{writers} landed, {(f.Linear ? "linear" : "NOT linear")}, {f.TotalAttempts} push attempts (worst {f.MostAttempts})"));
        }
        // Racing CI jobs as separate OS processes: the old algorithm (backoff only) and the write queue, in the same run.
        var contender = await ContenderCommandAsync(context);
        foreach (var queue in new[] { false, true })
        {
            var f = await new GitOpsProcessBenchmark(Path.GetTempPath(), contender).RunAsync(writers, queue, context.CancellationToken);
            await context.Output.WriteLineAsync(f.ToString());
            rows.Add(new($"gitops: {writers} racing jobs (processes), {(queue ? "write queue" : "backoff only")}",
                $"{f.Ratio:0.0}x one job's git step, {f.AttemptsPerWriter:0.0} push attempts per job",
                "<= 10x, <= 2 attempts/job, all landed, linear",
                f.Ratio <= 10 && f.AttemptsPerWriter <= 2 && f.Landed == writers && f.Linear,
                $"{f.ConcurrentWall.TotalMilliseconds:0} vs {f.SingleWrite.TotalMilliseconds:0} ms; {f.Landed}/{writers} landed, {(f.Linear ? "linear" : "NOT linear")}, {f.TotalAttempts} attempts (worst {f.MostAttempts})"));
        }
        return [.. rows];
    }

    /// <summary>
    /// Builds build/benchmarks/Shipyard.Contender (one racing job or lock contender per OS process) into .nuke/temp and
    /// returns the command that starts one.
    /// </summary>
    async Task<IReadOnlyList<string>> ContenderCommandAsync(TargetContext context)
    {
        var output = Path.Combine(RootDirectory, ".nuke", "temp", "contender");
        await new ProcessRunner(context.Output, Mask).RunAsync("dotnet",
            ["build", Path.Combine(RootDirectory, "build", "benchmarks", "Shipyard.Contender", "Shipyard.Contender.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "q"],
            new ProcessOptions { WorkingDirectory = RootDirectory }, context.CancellationToken);
        return ["dotnet", Path.Combine(output, "Shipyard.Contender.dll")];
    }

    /// <summary>git-ref on a local bare repository; lease only against a configured cluster (the fake API server is test-only).</summary>
    async Task<BenchmarkRow[]> LockBenchmarksAsync(TargetContext context, bool full)
    {
        var (contenders, iterations) = full ? (4, 10) : (2, 3);
        LockOptions Options(int i) => new() { Holder = $"benchmark-{i}", Ttl = TimeSpan.FromSeconds(30), RetryInterval = TimeSpan.FromMilliseconds(20) };
        var runner = new ProcessRunner(TextWriter.Null, s => s);
        var root = Directory.CreateTempSubdirectory("shipyard-lock-benchmark-").FullName;
        var stores = Enumerable.Range(0, contenders).Select(_ => new GitRefLockStore(runner, Path.Combine(root, "gitops.git"), null)).ToArray();
        var rows = new List<BenchmarkRow>();
        try
        {
            await runner.RunAsync("git", ["init", "--quiet", "--bare", Path.Combine(root, "gitops.git")], new ProcessOptions { Echo = false }, context.CancellationToken);
            rows.Add(LockRow(await LockBenchmark.RunAsync("git-ref (local bare repository)",
                [.. stores.Select((s, i) => (IDeployLock)new DeployLock(s, Options(i), Time, TextWriter.Null))], iterations, context.CancellationToken)));
            // Separate OS processes, as separate CI jobs contend: 1,000 acquisitions in the full run.
            var (processes, trials) = full ? (4, 250) : (2, 10);
            var t = await new LockProcessBenchmark(await ContenderCommandAsync(context)).RunAsync(
                "git-ref (local bare repository)", "git-ref", Path.Combine(root, "gitops.git"), processes, trials, root, context.CancellationToken);
            await context.Output.WriteLineAsync(t.ToString());
            rows.Add(new($"locks: git-ref, {processes} processes", $"{t.DoubleHolders} double holders in {t.Trials} acquisitions", "0 double holders",
                t.DoubleHolders == 0, $"{t.Wall.TotalSeconds:0.0} s, {t.Trials / t.Wall.TotalSeconds:0.0} acquisitions/s"));
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
            Directory.Delete(root, recursive: true);
        }
        if (Cluster.Configuration is not { } cluster)
            return [.. rows, new("locks: lease", "not run", "0 overlaps", null,
                "no Kubernetes cluster configured (KUBECONFIG, ~/.kube/config, in-cluster); the fake API server is test-only", Optional: true)];
        var leases = Enumerable.Range(0, contenders).Select(i =>
            (IDeployLock)new DeployLock(new LeaseLockStore(new Kubernetes(cluster), LockNamespace), Options(i), Time, TextWriter.Null)).ToArray();
        rows.Add(LockRow(await LockBenchmark.RunAsync("lease (configured cluster)", leases, iterations, context.CancellationToken)));
        return [.. rows];

        BenchmarkRow LockRow(LockBenchmarkFigures f) => new($"locks: {f.Lock}",
            $"{f.SlowdownVsBaseline:0}x slower than an in-process semaphore; {f.Overlaps} overlaps",
            "0 overlaps", f.Overlaps == 0,
            $"acquire p50 {f.AcquireP50Ms:0.0} ms, p95 {f.AcquireP95Ms:0.0} ms, release p50 {f.ReleaseP50Ms:0.0} ms; {f.Contenders} contenders: {f.AcquisitionsPerSecond:0.0}/s");
    }

    static string BenchmarkTable(IReadOnlyList<BenchmarkRow> rows, string load, bool markdown)
    {
        var text = new StringBuilder();
        string[] header = ["Benchmark", "Figure (vs baseline)", "Goal", "Mark", "Detail"];
        var cells = rows.Select(r => new[] { r.Name, r.Figure, r.Goal, r.Mark, r.Detail }).ToList();
        if (markdown)
        {
            text.AppendLine("### Benchmark").AppendLine().AppendLine($"| {string.Join(" | ", header)} |").AppendLine("|---|---|---|---|---|");
            foreach (var c in cells) text.AppendLine($"| {string.Join(" | ", c.Select(s => s.Replace("|", "\\|")))} |");
            return text.AppendLine().AppendLine($"Load average (1, 5, 15 min) before → after: {load}, {System.Environment.ProcessorCount} cores.").ToString();
        }
        var widths = Enumerable.Range(0, 4).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Take(4).Select((s, i) => s.PadRight(widths[i]))) + "  " + c[4];
        text.AppendLine().AppendLine(Line(header));
        foreach (var c in cells) text.AppendLine(Line(c));
        return text.AppendLine($"load average (1, 5, 15 min) before -> after: {load.Replace("→", "->")}; {System.Environment.ProcessorCount} cores").ToString();
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string Reason(Exception e) => e.Message.Split('\n')[0].Trim();
}
