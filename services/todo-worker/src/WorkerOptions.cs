namespace TodoWorker;

/// <summary>Settings of the worker (environment: <c>Worker__ApiUrl</c>, <c>Worker__Interval</c> ...).</summary>
public sealed class WorkerOptions
{
    /// <summary>Base URL of the todo API.</summary>
    public Uri ApiUrl { get; set; } = new("http://todo-api");

    /// <summary>Time between two purge passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long completed todos are kept before being purged.</summary>
    public TimeSpan KeepCompletedFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>File touched after every pass; the liveness probe checks that it is recent.</summary>
    public string HeartbeatFile { get; set; } = "/tmp/heartbeat";
}
