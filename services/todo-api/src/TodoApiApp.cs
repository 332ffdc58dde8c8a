using Todo.Domain;

namespace TodoApi;

/// <summary>Builds the todo API; tests call <see cref="Create"/> with their own URLs and clock.</summary>
public static class TodoApiApp
{
    /// <summary>Creates the application with its endpoints mapped, not yet started.</summary>
    public static WebApplication Create(string[] args, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<InMemoryTodoStore>();
        builder.Services.AddSingleton<Readiness>();

        var app = builder.Build();
        var readiness = app.Services.GetRequiredService<Readiness>();
        // Ready only once Kestrel listens, and not ready while draining, so the Service stops routing to a pod that is going away.
        app.Lifetime.ApplicationStarted.Register(readiness.MarkReady);
        app.Lifetime.ApplicationStopping.Register(readiness.MarkNotReady);

        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (Readiness r) => r.IsReady ? Results.Text("ready") : Results.Text("starting", statusCode: 503));
        app.MapTodoEndpoints();
        return app;
    }
}
