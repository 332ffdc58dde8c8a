using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Verify;
using Shipyard.Delivery.Records;
using Shipyard.Engine;
using CatalogService = Shipyard.Delivery.Catalog.Service;

// Verify (the cluster runs what was deployed) and Rollback (undo what did not verify), per service.
partial class Pipeline
{
    [Parameter("How long Verify waits for a rollout to finish")]
    readonly TimeSpan VerifyTimeout = TimeSpan.FromMinutes(5);

    [Parameter("Keep a deploy whose verification failed (for debugging): no automatic rollback; the run still fails")]
    readonly bool NoRollback = false;

    [Parameter("Rollback: the version (image tag) to restore; default: the one before the version deployed now")]
    readonly string? To = null;

    Target Verify => _ => _
        .Description("Waits for each deployed service's rollout on the cluster and reports the verdict")
        .Triggers(Rollback)
        .ExecutesForEach(() => VerifyServices, s => s.Name, VerifyServiceAsync);

    Target Rollback => _ => _
        .Description("Restores the previous version of each service whose deploy did not verify, or of --service (with --to: that version)")
        .AssuredAfterFailure()
        .Requires(() => RollbackInputsAreValid())
        .Executes(context =>
        {
            if (RollbackServices.Count > 0) return Task.CompletedTask;
            var kept = DeploysInThisRun && NoRollback ? DeployServices.Where(s => Ledger[s.Name].NeedsRollback).Select(s => s.Name).ToList() : [];
            context.Skip(kept.Count > 0
                ? $"no-rollback: {string.Join(", ", kept)} keep the version that failed"
                : Interrupted.IsCancellationRequested
                    ? "nothing rolled back: interrupted, and no verification had failed"
                    : "nothing to roll back: every change of this run is verified or was not made");
            return Task.CompletedTask;
        })
        .ExecutesForEach(() => RollbackServices, s => s.Name, RollbackServiceAsync);

    /// <summary>The services this run deployed (a failed deploy stops its service before Verify).</summary>
    IReadOnlyList<CatalogService> VerifyServices => DeploysInThisRun ? DeployServices : SelectedServices;

    /// <summary>
    /// After Verify in this run: the services whose change of this run is live but did not verify (unless --no-rollback);
    /// none after a Verify on its own, which changed nothing. On its own (<c>./build.sh Rollback --service x</c>): the named services.
    /// </summary>
    IReadOnlyList<CatalogService> RollbackServices => !RollbackOnItsOwn
        ? NoRollback ? [] : [.. VerifyServices.Where(s => Ledger[s.Name].NeedsRollback)]
        : SelectedServices;

    bool DeploysInThisRun => PlannedTargets.Contains(nameof(Deploy));

    // Verify triggers Rollback, so a Verify on its own plans Rollback too: only without Verify was Rollback asked for by name.
    bool RollbackOnItsOwn => !PlannedTargets.Contains(nameof(Verify));

    async Task VerifyServiceAsync(CatalogService service, TargetContext context)
    {
        // After a deploy: the image it deployed. On its own: the image the service's desired state names now.
        var image = DeploysInThisRun
            ? Ledger[service.Name].Deployed?.Image ?? throw new BuildFailedException($"{service.Name} was not deployed in this run.")
            : await Strategies(context).For(service).DeployedImageAsync(service, context.CancellationToken)
                ?? throw new BuildFailedException($"{service.Name}: its deploy target names no image to verify.");
        var entry = await VerifyImageAsync(service, image, context);
        await RecordAsync(context, service.Name, entry);
        if (entry.Status == StageStatus.Skipped) context.Skip(entry.Note);
        if (entry.Status == StageStatus.Failed) throw new BuildFailedException(entry.Note);
    }

    /// <summary>
    /// Whether the cluster runs <paramref name="image"/> for the service (a deploy, or a rollback's restored version),
    /// from the best source there is: the host through SSM for SSM services; the Kubernetes API when a cluster is
    /// configured; else Argo CD's health at the deployed revision; else skipped with the reason (failed when required).
    /// </summary>
    async Task<VerifiedEntry> VerifyImageAsync(CatalogService service, ImageReference image, TargetContext context, string? revision = null,
        CancellationToken? cancellation = null)
    {
        var ct = cancellation ?? context.CancellationToken;
        var started = Time.GetUtcNow();
        VerifiedEntry Entry(StageStatus status, string source, string note) =>
            new() { Status = status, Started = started, Duration = Time.GetUtcNow() - started, Image = image, Source = source, Note = note };

        if (service.Strategy == DeployStrategy.Ssm)
            return FromOutcome(await RolloutVerifiers.Polling(ct => ReadHostAsync(service, context.Output, ct), SsmVerifyInterval, Time)
                .VerifyAsync(VerifyRequest(service, image, context), ct), "ssm", started, image);
        if (Cluster.Configuration is { } cluster)
            return FromOutcome(await RolloutVerifiers.Kubernetes(cluster, Time).VerifyAsync(VerifyRequest(service, image, context), ct),
                "kubernetes", started, image);
        revision ??= (Ledger[service.Name].Deployed?.Receipt as GitOpsReceipt)?.Revision;
        if (!string.IsNullOrWhiteSpace(ArgocdServer) && revision is not null)
        {
            try
            {
                // A newer commit that contains the deployed one (another deploy pushed on top) runs our change too.
                using var lineage = SharedGitOpsRepository().OpenLineage();
                var health = await CreateArgoCd(context).WaitHealthyAsync(service.Manifest.Application, revision, lineage, Time.GetUtcNow() + VerifyTimeout, ct);
                return Entry(StageStatus.Succeeded, "argocd", $"{health.Note} (no cluster access: Argo CD's health at the revision)") with { Revision = health.Live };
            }
            catch (BuildFailedException e)
            {
                return Entry(StageStatus.Failed, "argocd", e.Message) with { Reason = e.Message };
            }
        }
        var why = Cluster.SkipReason ?? "no cluster configured";
        return RequireCluster
            ? Entry(StageStatus.Failed, "none", $"a cluster is required (RequireCluster), but there is {why}")
            : Entry(StageStatus.Skipped, "none", why + (string.IsNullOrWhiteSpace(ArgocdServer) ? "" : "; Argo CD has no revision of this deploy to judge"));
    }

    static readonly TimeSpan SsmVerifyInterval = TimeSpan.FromSeconds(3);

    VerifyRequest VerifyRequest(CatalogService service, ImageReference image, TargetContext context) => new()
    {
        Namespace = service.Workload.Namespace,
        Kind = service.Workload.Kind,
        Name = service.Workload.Deployment,
        Container = service.Workload.Container,
        Image = image,
        Timeout = VerifyTimeout,
        HealthUrl = service.Workload.HealthUrl is { } url ? new Uri(url) : null,
        Log = context.Output,
    };

    // The host's view of the workload, through an SSM command running kubectl get -o json: the same verdict as GitOps.
    async Task<RolloutSnapshot> ReadHostAsync(CatalogService service, TextWriter log, CancellationToken ct)
    {
        var deployer = SsmDeployer(service, log);
        var w = service.Workload;
        var json = await new SsmClusterReader(deployer).ReadAsync(await deployer.FindInstanceAsync(ct), w.Namespace, w.Kind.ToString().ToLowerInvariant(), w.Deployment, ct);
        return RolloutSnapshot.FromKubectlJson(w.Kind, json.Workload, json.ReplicaSets, json.Pods, json.Events);
    }

    VerifiedEntry FromOutcome(VerifyOutcome outcome, string source, DateTimeOffset started, ImageReference image) => new()
    {
        Status = outcome.Succeeded ? StageStatus.Succeeded : StageStatus.Failed,
        Started = started,
        Duration = outcome.Duration,
        Image = image,
        Source = source,
        Reason = outcome.Reason,
        LogTail = outcome.LogTail,
        Events = outcome.Events,
        Note = outcome.Succeeded ? $"{outcome.Summary} ({source})" : Failure(outcome),
    };

    // One line first (the summary row), then what a person needs to see why: the container's last lines, the events.
    static string Failure(VerifyOutcome outcome)
    {
        var text = new System.Text.StringBuilder(outcome.Reason ?? outcome.Summary);
        if (outcome.LogTail.Count > 0) text.Append("\n  last log lines:\n    ").AppendJoin("\n    ", outcome.LogTail);
        if (outcome.Events.Count > 0) text.Append("\n  recent events:\n    ").AppendJoin("\n    ", outcome.Events);
        return text.ToString();
    }

    async Task RollbackServiceAsync(CatalogService service, TargetContext context)
    {
        var strategy = Strategies(context).For(service);
        var record = Ledger[service.Name];
        var started = Time.GetUtcNow();
        var plan = await strategy.PlanRollbackAsync(service, record.Deployed?.Receipt, To, context.CancellationToken);
        try
        {
            // The write runs to its end whatever happens (an assured target's token); waiting for the restored version
            // to become ready is what Ctrl-C may cut short.
            var receipt = await strategy.RollbackAsync(plan, context.CancellationToken);
            var verified = await VerifyRestoredAsync(service, plan.Target, context, (receipt as GitOpsReceipt)?.Revision);
            var ok = verified.Status != StageStatus.Failed;
            var entry = new RolledBackEntry
            {
                Status = ok ? StageStatus.Succeeded : StageStatus.Failed,
                Started = started,
                Duration = Time.GetUtcNow() - started,
                From = plan.Bad,
                To = plan.Target,
                Receipt = receipt,
                Verified = verified,
                Note = $"rolled back to {plan.Target.Tag}" + (receipt.Changed ? "" : " (already there)") + $"; verify: {verified.Note}",
            };
            await RecordAsync(context, service.Name, entry);
            if (!ok) throw new BuildFailedException($"rolled back to {plan.Target.Tag}, but that version did not verify: {verified.Note}");
        }
        catch (Exception e) when (e is not UsageException && Ledger[service.Name].RolledBack is null)
        {
            // The rollback's own write landed and what came after it failed (the Argo CD sync): the record keeps that
            // commit, and the message must not offer to undo it — that would bring the failed version back.
            // Ctrl-C during its Argo CD wait keeps the pushed rollback commit too.
            var landed = (e as DeployFailedException)?.Changed ?? (e as DeployInterruptedException)?.Changed;
            var note = landed is null ? e.Message
                : e is DeployInterruptedException ? $"rolled back to {plan.Target.Tag}, but {e.Message}"
                : $"rolled back to {plan.Target.Tag} ({landed.ChangeId?[..Math.Min(7, landed.ChangeId.Length)]} is pushed), but then: {e.InnerException?.Message ?? e.Message}";
            await RecordAsync(context, service.Name, new RolledBackEntry
            {
                Status = StageStatus.Failed,
                Started = started,
                Duration = Time.GetUtcNow() - started,
                From = plan.Bad,
                To = plan.Target,
                Receipt = landed,
                Note = note,
            });
            if (landed is null) throw;
            // The row says what landed and where it stopped (a Ctrl-C ends the run as cancelled all the same).
            throw new BuildFailedException(note, e);
        }
    }

    async Task<VerifiedEntry> VerifyRestoredAsync(CatalogService service, ImageReference image, TargetContext context, string? revision)
    {
        var started = Time.GetUtcNow();
        try
        {
            return await VerifyImageAsync(service, image, context, revision, Interrupted);
        }
        catch (OperationCanceledException) when (Interrupted.IsCancellationRequested)
        {
            return new VerifiedEntry
            {
                Status = StageStatus.Failed,
                Started = started,
                Duration = Time.GetUtcNow() - started,
                Image = image,
                Source = "none",
                Note = $"interrupted before {image.Tag} was verified; run ./build.sh Verify --service {service.Name} to check it",
            };
        }
    }

    // Rollback on its own names its services, and a --to that was never deployed is refused before anything changes.
    bool RollbackInputsAreValid()
    {
        if (!RollbackOnItsOwn) return true;
        if (ServiceNames.Length == 0)
            throw new UsageException("Rollback on its own needs --service: name the services to roll back.");
        var strategies = Strategies(null);
        foreach (var service in SelectedServices)
            Task.Run(() => strategies.For(service).PlanRollbackAsync(service, null, To, CancellationToken.None)).GetAwaiter().GetResult();
        return true;
    }
}
