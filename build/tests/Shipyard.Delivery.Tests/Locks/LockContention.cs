using System.Diagnostics;
using Shipyard.Delivery.Locks;

namespace Shipyard.Delivery.Tests.Locks;

/// <summary>
/// Runs independent contenders that each acquire, occupy a shared marker, and release the same lock many times;
/// counts how often a contender found the marker already occupied (two holders at once).
/// </summary>
internal static class LockContention
{
    /// <summary>The outcome of a contention run.</summary>
    public sealed record Outcome(int Acquisitions, int Overlaps, TimeSpan Elapsed, IReadOnlyList<string> Tokens);

    public static async Task<Outcome> RunAsync(
        IReadOnlyList<IDeployLock> contenders, string key, int iterationsEach, CancellationToken cancellationToken)
    {
        var occupied = 0;
        var overlaps = 0;
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(contenders.Select(contender => Task.Run(async () =>
        {
            for (var i = 0; i < iterationsEach; i++)
            {
                await using var handle = await contender.AcquireAsync(key, cancellationToken);
                tokens.Add(handle.FencingToken);
                if (Interlocked.Exchange(ref occupied, 1) != 0) Interlocked.Increment(ref overlaps);
                await Task.Yield(); // give the other contender a chance to barge in while we "deploy"
                Interlocked.Exchange(ref occupied, 0);
            }
        }, cancellationToken)));
        return new Outcome(tokens.Count, overlaps, watch.Elapsed, tokens.ToArray());
    }
}
