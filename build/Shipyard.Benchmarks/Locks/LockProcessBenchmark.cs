using System.Globalization;
using k8s;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Benchmarks.Locks;

using Shipyard.Delivery.Locks;

/// <summary>
/// Lock contention across separate OS processes (not clients in one process): each contender process acquires and
/// releases one key <c>trials</c> times. While it holds the lock it creates a marker file exclusively
/// (<see cref="FileMode.CreateNew"/>, atomic in the file system) and deletes it before releasing, so a second holder at
/// the same moment finds the file and counts a double holder. <paramref name="contenderCommand"/> starts one
/// contender (e.g. <c>dotnet Shipyard.Contender.dll</c>); that process calls <see cref="RunContenderAsync"/>.
/// </summary>
public sealed class LockProcessBenchmark(IReadOnlyList<string> contenderCommand)
{
    /// <summary>Runs the trials.</summary>
    /// <param name="name">Display name of the lock for the figures.</param>
    /// <param name="kind"><c>git-ref</c> or <c>lease</c>.</param>
    /// <param name="target">git-ref: the repository URL or path; lease: the Kubernetes API URL (no credentials).</param>
    /// <param name="processes">Contending processes.</param>
    /// <param name="trials">Acquisitions per process.</param>
    /// <param name="workRoot">Where the marker folder (and git scratch repositories) are made; removed afterwards.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<LockTrialFigures> RunAsync(
        string name, string kind, string target, int processes, int trials, string workRoot, CancellationToken cancellationToken)
    {
        var root = Directory.CreateDirectory(Path.Combine(workRoot, $"lock-trials-{Guid.NewGuid():N}")).FullName;
        try
        {
            var key = $"trials-{Guid.NewGuid():N}";
            var (wall, lines) = await ContenderProcesses.RunAsync(contenderCommand,
                [.. Enumerable.Range(0, processes).Select(i => (IReadOnlyList<string>)
                    ["lock-trials", kind, target, key, trials.ToString(CultureInfo.InvariantCulture), root, $"contender-{i}"])],
                cancellationToken);
            var counts = lines.Select(l => l.Split(' ').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToList();
            return new LockTrialFigures(name, processes, counts.Sum(c => c[0]), counts.Sum(c => c[1]), wall);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// The contender process: <c>lock-trials git-ref|lease &lt;target&gt; &lt;key&gt; &lt;trials&gt; &lt;work-root&gt; &lt;holder&gt;</c>.
    /// Prints <c>ready</c>, waits for a line on <paramref name="input"/>, runs the trials and prints
    /// <c>done &lt;acquisitions&gt; &lt;double holders&gt;</c>.
    /// </summary>
    public static async Task RunContenderAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Count != 7 || args[0] != "lock-trials" || !int.TryParse(args[4], CultureInfo.InvariantCulture, out var trials))
            throw new UsageException("usage: lock-trials git-ref|lease <target> <key> <trials> <work-root> <holder>");
        var (kind, target, key, root, holder) = (args[1], args[2], args[3], args[5], args[6]);
        var options = new LockOptions { Holder = holder, Ttl = TimeSpan.FromSeconds(60), RetryInterval = TimeSpan.FromMilliseconds(kind == "lease" ? 5 : 20) };
        var settings = new DeployLockSettings
        {
            Kind = kind,
            Lock = options,
            GitRemote = kind == "git-ref" ? target : null,
            ScratchRoot = root,
            Kubernetes = kind == "lease" ? new KubernetesClientConfiguration { Host = target } : null,
            LeaseNamespace = "deploy",
        };
        var deployLock = DeployLocks.Create(settings, new ProcessRunner(TextWriter.Null, s => s), TimeProvider.System, TextWriter.Null);
        var marker = Path.Combine(root, "held");
        await output.WriteLineAsync("ready");
        await output.FlushAsync(cancellationToken);
        await input.ReadLineAsync(cancellationToken);
        var doubles = 0;
        for (var i = 0; i < trials; i++)
        {
            await using var handle = await deployLock.AcquireAsync(key, cancellationToken);
            bool mine;
            try
            {
                using (new FileStream(marker, FileMode.CreateNew)) { }
                mine = true;
            }
            catch (IOException)
            {
                doubles++;
                mine = false;
            }
            await Task.Delay(1, cancellationToken); // hold for a moment, so an overlap has time to show
            if (mine) File.Delete(marker);
        }
        await output.WriteLineAsync($"done {trials} {doubles}");
        await output.FlushAsync(cancellationToken);
    }
}
