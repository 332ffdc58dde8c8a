using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Feeds every observation of one application to a judge until it decides. Follows Argo CD's watch stream and
/// re-reads the application with a GET on every (re)connect, since changes between two connections are not replayed.
/// Falls back to polling (jittered pauses of at most <see cref="ArgoCdOptions.PollInterval"/>) when the stream is
/// refused, keeps failing, or stays silent because a proxy buffers it. Cancellation (the caller's deadline) ends
/// the wait wherever it is, mid-read or mid-pause.
/// </summary>
internal sealed class ArgoWatcher(ArgoCdClient client, ArgoCdOptions options, TimeProvider time, TextWriter log)
{
    private const int StreamFailuresBeforePolling = 2;

    /// <summary>How many times the stream was (re)opened and whether the wait fell back to polling.</summary>
    public (int Connections, bool Polling) Stats { get; private set; }

    /// <summary>
    /// Observes <paramref name="application"/> until <paramref name="judge"/> returns a result (or throws). Reads ask
    /// for a refresh until <paramref name="reportsOurs"/> says the application reports a revision that counts, so Argo
    /// CD compares now instead of at its next git poll.
    /// </summary>
    public async Task<T> WatchAsync<T>(string application, Func<ArgoApplication, bool> reportsOurs, Func<ArgoApplication, Task<T?>> judge, CancellationToken cancellationToken)
        where T : class
    {
        var seen = false;
        async Task<T?> ReadAsync()
        {
            var app = await client.GetApplicationAsync(application, refresh: !seen, cancellationToken);
            seen |= reportsOurs(app);
            return await judge(app);
        }

        var failures = 0;
        var polling = !options.Watch;
        while (!polling)
        {
            Stats = Stats with { Connections = Stats.Connections + 1 };
            var events = 0;
            try
            {
                await using var stream = await WithinSilenceLimitAsync(token => client.OpenWatchAsync(application, token), cancellationToken);
                if (await ReadAsync() is { } decided) return decided;
                while (await NextAsync(stream, first: events == 0, cancellationToken) is { } watchEvent)
                {
                    events++;
                    failures = 0;
                    if (watchEvent.Type == "DELETED")
                        throw new BuildFailedException($"Argo CD application {application} was deleted while the build waited for it.");
                    var app = watchEvent.Application!;
                    seen |= reportsOurs(app);
                    if (await judge(app) is { } result) return result;
                }
                // A stream closed before its first event is as good as a refused one.
                polling = events == 0 && ++failures >= StreamFailuresBeforePolling;
                await log.WriteLineAsync($"{application}: Argo CD closed the watch stream; {(polling ? "polling instead" : "reconnecting")}");
            }
            catch (StreamSilentException)
            {
                await log.WriteLineAsync($"{application}: the watch stream sent nothing for {options.StreamSilenceLimit.TotalSeconds:0.#} s (a proxy may buffer it); polling instead");
                polling = true;
            }
            catch (Exception e) when (e is ArgoCdApiException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                await log.WriteLineAsync($"{application}: watch stream failed ({e.Message})");
                polling = ++failures >= StreamFailuresBeforePolling;
                if (polling) await log.WriteLineAsync($"{application}: polling instead of watching");
                else await Task.Delay(Pause(), time, cancellationToken);
            }
        }

        Stats = Stats with { Polling = true };
        while (true)
        {
            if (await ReadAsync() is { } decided) return decided;
            await Task.Delay(Pause(), time, cancellationToken);
        }
    }

    private Task<ArgoWatchEvent?> NextAsync(ArgoWatchStream stream, bool first, CancellationToken cancellationToken) =>
        first ? WithinSilenceLimitAsync(stream.ReadAsync, cancellationToken) : stream.ReadAsync(cancellationToken);

    // Headers and the first event must come within the limit: a buffering proxy may hold back either.
    private async Task<T> WithinSilenceLimitAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var silence = new CancellationTokenSource(options.StreamSilenceLimit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        try
        {
            return await read(linked.Token);
        }
        catch (OperationCanceledException) when (silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StreamSilentException();
        }
    }

    // Between half the interval and all of it: never longer than the configured pause, never in lockstep.
    private TimeSpan Pause() => options.PollInterval * (0.5 + Random.Shared.NextDouble() / 2);

    private sealed class StreamSilentException : Exception;
}
