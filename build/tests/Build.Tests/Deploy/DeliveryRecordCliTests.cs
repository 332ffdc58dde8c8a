using System.Diagnostics;
using Build.Tests.Platform;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Build.Tests.Deploy;

/// <summary>
/// Two services deployed in one run through the real Pipeline, against a real registry and a bare GitOps remote:
/// each service's stages are one row each, a failure stops only its own service, and the delivery record is what
/// the notifiers get.
/// </summary>
public sealed class DeliveryRecordCliTests : IDisposable
{
    private readonly TempRoot _root = new TempRoot().CopySamplePlatform();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task OneServiceFailingItsDeployStopsOnlyItsOwnLaterStages()
    {
        await using var registry = await RegistryServer.StartAsync();
        var digest = await registry.PutImageAsync("todo/todo-api", "abc1234"); // todo-worker:abc1234 was never pushed
        var remote = await RepositoryWithRemoteAsync();
        var notifier = new RecordingNotifier();

        var run = await PipelineRun.StartAsync(_root.Path, NoCluster, p => p.Notifiers.Add(notifier),
            "Deploy", "--service", "todo-api,todo-worker", "--skip", "Test", "Build", "Push", "--image-tag", "abc1234",
            "--registry", $"{registry.Host}/todo", "--gitops-repository", remote, "--use-sandbox", "false");

        run.ExitCode.ShouldBe(1, run.Output);
        run.Row("Deploy", "todo-api").Status.ShouldBe(TargetStatus.Succeeded);
        run.Row("Deploy", "todo-api").Facts[DeliveryFacts.Image].ShouldBe($"{registry.Host}/todo/todo-api:abc1234@{digest}");
        run.Row("Deploy", "todo-worker").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Failed), r => r.Note!.ShouldContain("is not in the registry"));
        run.Row("Verify", "todo-api").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.Skipped), r => r.Note!.ShouldStartWith("no cluster configured"));
        run.Row("Verify", "todo-worker").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(TargetStatus.NotRun), r => r.Note.ShouldBe("Deploy (todo-worker) failed"));
        run.Row("Rollback", null).Note.ShouldBe("nothing to roll back: every change of this run is verified or was not made");

        var finished = notifier.Finished.ShouldHaveSingleItem();
        finished.ExitCode.ShouldBe(1);
        var api = finished.Services.Single(s => s.Service == "todo-api");
        api.Deployed!.Receipt.ShouldBeOfType<GitOpsReceipt>().Commit.ShouldBe(Git(remote, "rev-parse", "main"));
        api.Deployed.Receipt!.Previous!.Tag.ShouldBe("0000000");
        api.Outcome.ShouldBe(DeliveryOutcome.Deployed);
        finished.Services.Single(s => s.Service == "todo-worker").Outcome.ShouldBe(DeliveryOutcome.Failed);
        notifier.Updates.ShouldContain(r => r.Service == "todo-api" && r.Deployed != null);
    }

    [Fact]
    public async Task ANotifierThatThrowsIsAWarningAndTheExitCodeStands()
    {
        await using var registry = await RegistryServer.StartAsync();
        await registry.PutImageAsync("todo/todo-api", "abc1234");
        var remote = await RepositoryWithRemoteAsync();

        var run = await PipelineRun.StartAsync(_root.Path, NoCluster, p => p.Notifiers.Add(new RecordingNotifier { Fail = true }),
            "Deploy", "--service", "todo-api", "--skip", "Test", "Build", "Push", "--image-tag", "abc1234",
            "--registry", $"{registry.Host}/todo", "--gitops-repository", remote, "--use-sandbox", "false");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("warning: notifier RecordingNotifier failed (InvalidOperationException: Slack is down); the build result is unchanged");
    }

    private static readonly Dictionary<string, string> NoCluster = new() { ["KUBECONFIG"] = "/nonexistent/kubeconfig" };

    private async Task<string> RepositoryWithRemoteAsync()
    {
        Git(_root.Path, "init", "--quiet", "--initial-branch=main");
        Git(_root.Path, "add", "-A");
        Git(_root.Path, "commit", "--quiet", "-m", "Sample platform");
        var remote = Path.Combine(_root.Path, ".nuke", "temp", "remote.git");
        Git(_root.Path, "clone", "--quiet", "--bare", _root.Path, remote);
        await Task.CompletedTask;
        return remote;
    }

    private static string Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git", ["-c", "user.name=t", "-c", "user.email=t@t", .. args])
        { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
        return output.Trim();
    }

    private sealed class RecordingNotifier : IDeliveryNotifier
    {
        public bool Fail { get; init; }
        public List<DeliveryRecord> Updates { get; } = [];
        public List<FinishedRun> Finished { get; } = [];

        public Task ServiceUpdatedAsync(DeliveryRecord record, CancellationToken cancellationToken)
        {
            lock (Updates) Updates.Add(record);
            return Task.CompletedTask;
        }

        public Task RunFinishedAsync(FinishedRun run, CancellationToken cancellationToken)
        {
            if (Fail) throw new InvalidOperationException("Slack is down");
            Finished.Add(run);
            return Task.CompletedTask;
        }
    }
}
