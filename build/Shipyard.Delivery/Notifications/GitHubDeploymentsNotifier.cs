using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using Octokit;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Records each service's deploy as a GitHub deployment (the repository's Environments page): created with the
/// source commit as ref and the image as payload, then statuses in_progress → success / failure / error. A rollback
/// marks the bad deployment failure and records the restored version as a new deployment with status success.
/// Statuses are posted with auto_inactive off: several services share one environment, and GitHub would otherwise
/// mark todo-api's deployment inactive when todo-worker's succeeds. Builds without a deploy get no deployment.
/// </summary>
internal sealed class GitHubDeploymentsNotifier(IGitHubClient client, NotifierLog log) : INotifier
{
    private readonly ConcurrentDictionary<string, Tracked> _deployments = new();
    private string? _off;

    /// <inheritdoc />
    public Task StartedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) =>
        GuardAsync(service, cancellationToken, () => ApplyAsync(ViewMask.Apply(run, log.Mask), ViewMask.Apply(service, log.Mask), final: false, cancellationToken));

    /// <inheritdoc />
    public Task UpdatedAsync(DeliveryRun run, ServiceDeliveryView service, CancellationToken cancellationToken) =>
        GuardAsync(service, cancellationToken, () => ApplyAsync(ViewMask.Apply(run, log.Mask), ViewMask.Apply(service, log.Mask), final: false, cancellationToken));

    /// <inheritdoc />
    public async Task FinishedAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        report = ViewMask.Apply(report, log.Mask);
        foreach (var view in report.Services)
            await GuardAsync(view, cancellationToken, () => ApplyAsync(report.Run, view, final: true, cancellationToken));
    }

    private async Task ApplyAsync(DeliveryRun run, ServiceDeliveryView view, bool final, CancellationToken cancellationToken)
    {
        if (view.Strategy is null || _off is not null) return;
        if (run.Ci.Repository?.Split('/') is not [var owner, var repo] || run.Ci.Sha is null)
        {
            TurnOff("the run names no repository and source commit (owner/name and SHA) to record deployments against");
            return;
        }
        var tracked = _deployments.GetOrAdd(view.Service, _ => new Tracked());
        await tracked.Gate.WaitAsync(cancellationToken);
        try
        {
            if (tracked.Id is null)
            {
                tracked.Id = await CreateAsync(owner, repo, run, view, run.Ci.Sha, view.VersionTag, view.Digest, $"{view.Service} {view.VersionTag}", cancellationToken);
                await StatusAsync(owner, repo, tracked.Id.Value, DeploymentState.InProgress, run, view, $"{view.Service} deploying", cancellationToken);
                tracked.State = DeploymentState.InProgress;
            }
            var state = StateOf(view.Status, final);
            if (state != tracked.State)
            {
                var description = view.Status == DeliveryStatus.Started ? "the run ended before this deploy did" : DeliveryText.Headline(view, run.Environment);
                await StatusAsync(owner, repo, tracked.Id.Value, state, run, view, description, cancellationToken);
                tracked.State = state;
            }
            if (view.Status == DeliveryStatus.RolledBack && view.RollbackTarget is { } target && !tracked.Restored)
            {
                var restored = await CreateAsync(owner, repo, run, view, view.RollbackTargetRef ?? run.Ci.Sha, target, null, $"rollback of {view.Service} to {target}", cancellationToken);
                await StatusAsync(owner, repo, restored, DeploymentState.Success, run, view, $"{view.Service} restored to {target}", cancellationToken);
                tracked.Restored = true;
            }
        }
        finally
        {
            tracked.Gate.Release();
        }
    }

    private static DeploymentState StateOf(DeliveryStatus status, bool final) => status switch
    {
        DeliveryStatus.Started => final ? DeploymentState.Error : DeploymentState.InProgress,
        DeliveryStatus.Succeeded => DeploymentState.Success,
        DeliveryStatus.Cancelled => DeploymentState.Error,
        _ => DeploymentState.Failure,
    };

    private async Task<long> CreateAsync(
        string owner, string repo, DeliveryRun run, ServiceDeliveryView view, string reference, string? tag, string? digest, string description, CancellationToken cancellationToken)
    {
        var payload = new Dictionary<string, string> { ["service"] = view.Service };
        if (view.Image is { } image) payload["image"] = log.Mask(image);
        if (tag is not null) payload["tag"] = log.Mask(tag);
        if (digest is not null) payload["digest"] = log.Mask(digest);
        var deployment = new NewDeployment(log.Mask(reference))
        {
            Environment = log.Mask(run.Environment),
            Task = $"deploy:{view.Service}",
            AutoMerge = false,
            RequiredContexts = new Collection<string>(),
            Payload = payload,
            Description = log.Mask(DeliveryText.Cut(description, 140)),
        };
        return (await client.Repository.Deployment.Create(owner, repo, deployment).WaitAsync(cancellationToken)).Id;
    }

    private Task StatusAsync(
        string owner, string repo, long id, DeploymentState state, DeliveryRun run, ServiceDeliveryView view, string description, CancellationToken cancellationToken)
    {
        var status = new NewDeploymentStatus(state)
        {
            LogUrl = run.Ci.RunUrl is { } runUrl ? log.Mask(runUrl.ToString()) : null,
            EnvironmentUrl = view.EnvironmentUrl is { } url ? log.Mask(url.ToString()) : null,
            Description = log.Mask(DeliveryText.Cut(description, 140)),
            AutoInactive = false,
        };
        return client.Repository.Deployment.Status.Create(owner, repo, id, status).WaitAsync(cancellationToken);
    }

    private void TurnOff(string why)
    {
        if (Interlocked.CompareExchange(ref _off, why, null) is null)
            log.Warning($"GitHub deployments: {why.TrimEnd('.')}. Deployments are not recorded for the rest of this run; the build result is unaffected.");
    }

    private async Task GuardAsync(ServiceDeliveryView view, CancellationToken cancellationToken, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning($"GitHub deployments: recording {view.Service} was cancelled before GitHub answered.");
        }
        catch (OperationCanceledException)
        {
            TurnOff($"recording {view.Service} failed: no answer from GitHub within the request timeout");
        }
        catch (ApiException e)
        {
            var hint = (int)e.StatusCode switch
            {
                401 => ": GitHub refused the token; check the GitHub token setting",
                403 or 404 => ": the token cannot write deployments of this repository (it needs deployments: write)",
                _ => "",
            };
            TurnOff($"recording {view.Service} failed: HTTP {(int)e.StatusCode} {e.Message}{hint}");
        }
        catch (Exception e)
        {
            TurnOff($"recording {view.Service} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private sealed class Tracked
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long? Id { get; set; }

        public DeploymentState? State { get; set; }

        public bool Restored { get; set; }
    }
}
