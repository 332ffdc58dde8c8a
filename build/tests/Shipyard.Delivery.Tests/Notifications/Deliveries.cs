using Shipyard.Delivery.Notifications;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>Sample runs and service views the notification tests share.</summary>
internal static class Deliveries
{
    public const string Sha = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d";
    public const string Digest = "sha256:abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890";

    public static DeliveryRun Run { get; } = new("production", new CiLinks("https://github.com", "acme/todo-platform", "987654", Sha, "octocat"));

    public static ServiceDeliveryView Started(string service = "todo-api", string strategy = "gitops") => new()
    {
        Service = service,
        Status = DeliveryStatus.Started,
        VersionTag = "1.4.2",
        Digest = Digest,
        Image = $"registry.example.com/{service}",
        Strategy = strategy,
    };

    public static ServiceDeliveryView Succeeded(string service = "todo-api") => Started(service) with
    {
        Status = DeliveryStatus.Succeeded,
        Duration = TimeSpan.FromSeconds(83),
        GitOpsCommit = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e",
        ArgoCdRevision = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e",
        EnvironmentUrl = new Uri("https://todo.example.com/"),
        Stages =
        [
            new StageView("Build", TargetStatus.Succeeded, TimeSpan.FromSeconds(42)),
            new StageView("Push", TargetStatus.Succeeded, TimeSpan.FromSeconds(7), "pushed sha256:abcdef123456"),
            new StageView("Deploy", TargetStatus.Succeeded, TimeSpan.FromSeconds(12)),
            new StageView("Verify", TargetStatus.Succeeded, TimeSpan.FromSeconds(22)),
        ],
    };

    public static ServiceDeliveryView Failed(string service = "todo-api") => Started(service) with
    {
        Status = DeliveryStatus.Failed,
        Duration = TimeSpan.FromSeconds(95),
        FailedStage = "Verify",
        Error = "pod todo-api-7c9f-x2x is in CrashLoopBackOff (back-off 40s restarting failed container)",
        GitOpsCommit = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e",
        ArgoCdRevision = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e",
        Stages =
        [
            new StageView("Build", TargetStatus.Succeeded, TimeSpan.FromSeconds(42)),
            new StageView("Deploy", TargetStatus.Succeeded, TimeSpan.FromSeconds(12)),
            new StageView("Verify", TargetStatus.Failed, TimeSpan.FromSeconds(41), "CrashLoopBackOff"),
        ],
    };

    public static ServiceDeliveryView RolledBack(string service = "todo-api") => Failed(service) with
    {
        Status = DeliveryStatus.RolledBack,
        Duration = TimeSpan.FromSeconds(131),
        RollbackTarget = "1.4.1",
        RollbackTargetRef = "0a0b0c0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0b",
        Stages = [.. Failed(service).Stages, new StageView("Rollback", TargetStatus.Succeeded, TimeSpan.FromSeconds(36), "reverted to 1.4.1")],
    };

    public static ServiceDeliveryView BuiltOnly(string service = "todo-worker") => Succeeded(service) with
    {
        Strategy = null,
        GitOpsCommit = null,
        ArgoCdRevision = null,
        EnvironmentUrl = null,
        Stages = [new StageView("Build", TargetStatus.Succeeded, TimeSpan.FromSeconds(40)), new StageView("Push", TargetStatus.Succeeded, TimeSpan.FromSeconds(5))],
    };

    public static DeliveryReport Report(params ServiceDeliveryView[] services) =>
        new(Run, services.All(s => s.Status == DeliveryStatus.Succeeded) ? DeliveryStatus.Succeeded : DeliveryStatus.Failed, TimeSpan.FromSeconds(140), services);
}
