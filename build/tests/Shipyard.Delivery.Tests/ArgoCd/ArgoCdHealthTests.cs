using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>Verify through Argo CD: Healthy at the revision; Degraded fails at once in the resources' own words.</summary>
public sealed class ArgoCdHealthTests : ArgoFixture
{
    private static readonly FakeArgoResource[] CrashLooping =
    [
        new("Deployment", "todo-api", "Degraded", "Deployment \"todo-api\" exceeded its progress deadline"),
        new("Service", "todo-api", "Healthy"),
        new("ReplicaSet", "todo-api-5d8f7c9b4", "Progressing", "Waiting for rollout", TreeOnly: true),
        new("Pod", "todo-api-5d8f7c9b4-x2x7q", "Degraded", "back-off 40s restarting failed container=todo-api pod=todo-api-5d8f7c9b4-x2x7q", TreeOnly: true),
    ];

    private static DateTimeOffset InAMinute => DateTimeOffset.UtcNow.AddMinutes(1);

    [Fact]
    public async Task ProgressingWaitsAndHealthyAtOurRevisionEndsTheWait()
    {
        var app = Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, HealthTicks = 5 });
        var argo = Argo();
        await argo.SyncAsync("todo-api", New, null, Ct);

        var result = await argo.WaitHealthyAsync("todo-api", New, null, InAMinute, Ct);

        result.Health.ShouldBe("Healthy");
        result.Note.ShouldStartWith("Healthy at 1a2b3c4 per Argo CD (waited ");
        app.Served.ShouldContain($"Synced/Progressing@{New} op=Succeeded");
    }

    [Fact]
    public async Task DegradedInArgoCd2StyleFailsWithTheResourcesMessagesFromTheApplicationStatus()
    {
        // Argo CD 2: status.resources[].health carries the messages; here the tree cannot be read at all.
        Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, FinalHealth = "Degraded", FinalResources = CrashLooping, ResourceTreeAvailable = false });
        var argo = Argo();
        await argo.SyncAsync("todo-api", New, null, Ct);

        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => argo.WaitHealthyAsync("todo-api", New, null, InAMinute, Ct));

        error.Message.ShouldBe(
            "Argo CD application todo-api is Degraded at revision 1a2b3c4: Deployment todo/todo-api: exceeded its progress deadline. " +
            "Fix the service or its manifests, or roll back.");
        Log.ToString().ShouldContain("todo-api: resource tree unavailable (");
    }

    [Fact]
    public async Task DegradedInArgoCd3StyleFailsWithTheTreesMessagesPodsIncluded()
    {
        // Argo CD 3: status.resources has no health (resourceHealthSource: appTree); the tree has it, Pods included.
        Api.Add(new FakeArgoApplication("todo-api", Old) { HeadRevision = New, FinalHealth = "Degraded", FinalResources = CrashLooping, HealthInTree = true });
        var argo = Argo();
        await argo.SyncAsync("todo-api", New, null, Ct);

        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => argo.WaitHealthyAsync("todo-api", New, null, InAMinute, Ct));

        error.Reasons.ShouldBe([
            "Deployment todo/todo-api: exceeded its progress deadline",
            "Pod todo/todo-api-5d8f7c9b4-x2x7q: back-off 40s restarting failed container=todo-api pod=todo-api-5d8f7c9b4-x2x7q",
        ]);
        error.Message.ShouldContain("Deployment todo/todo-api: exceeded its progress deadline; Pod todo/todo-api-5d8f7c9b4-x2x7q: back-off 40s");
        Log.ToString().ShouldContain("todo-api:   Pod todo/todo-api-5d8f7c9b4-x2x7q: back-off 40s");
    }

    [Fact]
    public async Task TheOldRevisionHealthyDoesNotCountTheWaitEndsAtTheDeadlineNamingWhatItSaw()
    {
        Api.Add(new FakeArgoApplication("todo-api", Old) { AutoSync = true });
        var clock = new ManualClock();
        var argo = Argo(time: clock);

        var wait = argo.WaitHealthyAsync("todo-api", New, null, clock.GetUtcNow().AddSeconds(6), Ct);
        await ArgoCdWatchTests.UntilAsync(() => Log.ToString().Contains("todo-api: Synced/Healthy") && clock.PendingTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(6));
        var error = await Should.ThrowAsync<ArgoCdFailedException>(() => wait);

        error.Message.ShouldStartWith(
            "Argo CD application todo-api did not become Healthy at revision 1a2b3c4 by the deadline (waited 6.0 s); " +
            "last seen: Synced/Healthy (revision 0ld0ld0, operation Succeeded for 0ld0ld0, waiting for 1a2b3c4)");
    }
}
