using System.Globalization;
using Shipyard.Delivery.GitOps;
using Shipyard.Benchmarks;
using Shipyard.Benchmarks.GitOps;
using Shipyard.Benchmarks.Locks;
using Shipyard.Delivery.Locks;
using Shipyard.Engine;

// One contender of a race (gitops-write, lock-trials), or a whole race run by hand (gitops-race, lock-race), whose
// contenders are this same program. Exits 2 on bad arguments and 1 on any other failure, with one line on stderr.
IReadOnlyList<string> self = ["dotnet", typeof(GitOpsProcessBenchmark).Assembly.Location.Replace("Shipyard.Benchmarks.dll", "Shipyard.Contender.dll", StringComparison.Ordinal)];
int Number(int index) => int.TryParse(args.ElementAtOrDefault(index), CultureInfo.InvariantCulture, out var n) && n > 0
    ? n : throw new UsageException($"argument {index + 1} must be a positive number");
try
{
    switch (args.FirstOrDefault())
    {
        case "gitops-write":
            await GitOpsProcessBenchmark.RunWriterAsync(args, Console.In, Console.Out, CancellationToken.None);
            break;
        case "lock-trials":
            await LockProcessBenchmark.RunContenderAsync(args, Console.In, Console.Out, CancellationToken.None);
            break;
        case "gitops-race": // gitops-race <writers> [round-trip ms]: the backoff-only algorithm, then the hand-off, in the same run
            TimeSpan? roundTrip = args.Length > 2 ? TimeSpan.FromMilliseconds(Number(2)) : null;
            foreach (var handOff in new[] { false, true })
                Console.WriteLine(await new GitOpsProcessBenchmark(Path.GetTempPath(), self).RunAsync(Number(1), handOff, CancellationToken.None, roundTrip));
            break;
        case "lock-race": // lock-race git-ref|lease <repository or API URL> <processes> <trials each>
            Console.WriteLine(await new LockProcessBenchmark(self).RunAsync(args[1], args[1], args[2], Number(3), Number(4), Path.GetTempPath(), CancellationToken.None));
            break;
        default:
            throw new UsageException("usage: Shipyard.Contender gitops-write|lock-trials|gitops-race|lock-race ...");
    }
    return 0;
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
    return 1;
}
