using Shipyard.Delivery.Deploy;
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
                : "nothing to roll back: every change of this run is verified or was not made");
            return Task.CompletedTask;
        })
        .ExecutesForEach(() => RollbackServices, s => s.Name, RollbackServiceAsync);

    /// <summary>The services this run deployed (a failed deploy stops its service before Verify).</summary>
    IReadOnlyList<CatalogService> VerifyServices => DeploysInThisRun ? DeployServices : SelectedServices;

    /// <summary>
    /// After a deploy in this run: the services whose change is live but did not verify (unless --no-rollback).
    /// On its own (<c>./build.sh Rollback --service x</c>): the named services.
    /// </summary>
    IReadOnlyList<CatalogService> RollbackServices => DeploysInThisRun
        ? NoRollback ? [] : [.. DeployServices.Where(s => Ledger[s.Name].NeedsRollback)]
        : SelectedServices;

    bool DeploysInThisRun => PlannedTargets.Contains(nameof(Deploy));

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

    /// <summary>Whether the cluster runs <paramref name="image"/> for the service (a deploy, or a rollback's restored version).</summary>
    Task<VerifiedEntry> VerifyImageAsync(CatalogService service, Shipyard.Delivery.Images.ImageReference image, TargetContext context)
    {
        var started = Time.GetUtcNow();
        // A step whose system is not configured is skipped with the reason, not failed and not faked.
        if (Cluster.Configuration is null)
            return Task.FromResult(new VerifiedEntry
            {
                Status = RequireCluster ? StageStatus.Failed : StageStatus.Skipped,
                Started = started,
                Image = image,
                Note = RequireCluster ? $"a cluster is required by the profile, but there is {Cluster.Reason}" : Cluster.Reason,
            });
        throw new BuildFailedException("Verify against a cluster is not implemented yet in this build: unset KUBECONFIG to skip it.");
    }

    async Task RollbackServiceAsync(CatalogService service, TargetContext context)
    {
        var strategy = Strategies(context).For(service);
        var record = Ledger[service.Name];
        var started = Time.GetUtcNow();
        var plan = await strategy.PlanRollbackAsync(service, record.Deployed?.Receipt, To, context.CancellationToken);
        try
        {
            var receipt = await strategy.RollbackAsync(plan, context.CancellationToken);
            var verified = await VerifyImageAsync(service, plan.Target, context);
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
            await RecordAsync(context, service.Name, new RolledBackEntry
            {
                Status = StageStatus.Failed,
                Started = started,
                Duration = Time.GetUtcNow() - started,
                From = plan.Bad,
                To = plan.Target,
                Note = e.Message,
            });
            throw;
        }
    }

    // Rollback on its own names its services, and a --to that was never deployed is refused before anything changes.
    bool RollbackInputsAreValid()
    {
        if (DeploysInThisRun) return true;
        if (ServiceNames.Length == 0)
            throw new UsageException("Rollback on its own needs --service: name the services to roll back.");
        var strategies = Strategies(null);
        foreach (var service in SelectedServices)
            Task.Run(() => strategies.For(service).PlanRollbackAsync(service, null, To, CancellationToken.None)).GetAwaiter().GetResult();
        return true;
    }
}
