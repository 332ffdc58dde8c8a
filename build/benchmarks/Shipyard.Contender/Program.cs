using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Locks;
using Shipyard.Engine;

// A contender exits 2 on bad arguments and 1 on any other failure, with one line on stderr (the benchmark shows it).
try
{
    await (args.FirstOrDefault() switch
    {
        "gitops-write" => GitOpsProcessBenchmark.RunWriterAsync(args, Console.In, Console.Out, CancellationToken.None),
        "lock-trials" => LockProcessBenchmark.RunContenderAsync(args, Console.In, Console.Out, CancellationToken.None),
        _ => throw new UsageException("usage: Shipyard.Contender gitops-write|lock-trials ..."),
    });
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
