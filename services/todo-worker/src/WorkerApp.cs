namespace TodoWorker;

/// <summary>Builds the worker host; tests call <see cref="Create"/> with their own settings.</summary>
public static class WorkerApp
{
    /// <summary>Creates the host with the purge worker registered, not yet started.</summary>
    public static IHost Create(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.Configure<WorkerOptions>(builder.Configuration.GetSection("Worker"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient<TodoApiClient>((services, client) =>
            client.BaseAddress = services.GetRequiredService<IOptions<WorkerOptions>>().Value.ApiUrl);
        builder.Services.AddHostedService<PurgeWorker>();
        return builder.Build();
    }
}
