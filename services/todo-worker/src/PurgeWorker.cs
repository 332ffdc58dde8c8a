using Todo.Domain;

namespace TodoWorker;

/// <summary>Every interval: deletes completed todos past retention through the API, then touches the heartbeat file.</summary>
public sealed partial class PurgeWorker(
    TodoApiClient api, IOptions<WorkerOptions> options, TimeProvider time, ILogger<PurgeWorker> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>One pass; returns how many todos were purged.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var policy = new RetentionPolicy(_options.KeepCompletedFor);
        var now = time.GetUtcNow();
        var expired = (await api.ListAsync(cancellationToken)).Where(t => policy.IsExpired(t, now)).ToList();
        foreach (var item in expired) await api.DeleteAsync(item.Id, cancellationToken);
        return expired.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            try
            {
                var purged = await PurgeOnceAsync(stoppingToken);
                LogPass(purged);
                // Only a pass that reached the API counts as alive: a worker cut off from it gets restarted by the probe.
                await File.WriteAllTextAsync(_options.HeartbeatFile, time.GetUtcNow().ToString("O"), stoppingToken);
            }
            catch (HttpRequestException e)
            {
                LogApiUnreachable(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Purge pass done: {Purged} completed todo(s) removed")]
    private partial void LogPass(int purged);

    [LoggerMessage(LogLevel.Warning, "Todo API unreachable: {Reason}")]
    private partial void LogApiUnreachable(string reason);
}
