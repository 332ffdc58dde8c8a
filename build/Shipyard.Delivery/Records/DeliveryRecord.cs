namespace Shipyard.Delivery.Records;

/// <summary>
/// One service's delivery in a run, stage by stage: built → pushed → deployed (with the strategy's receipt) →
/// verified → rolled back. Immutable: each stage hands the next a new record. The summary rows, the facts, the job
/// outputs and the notifiers are all views of it.
/// </summary>
/// <param name="Service">The service's name.</param>
public sealed record DeliveryRecord(string Service)
{
    /// <summary>The image build, when Build ran for the service.</summary>
    public BuiltEntry? Built { get; init; }

    /// <summary>The push, when Push ran for the service.</summary>
    public PushedEntry? Pushed { get; init; }

    /// <summary>The deploy, when Deploy ran for the service (including a failed one that changed something).</summary>
    public DeployedEntry? Deployed { get; init; }

    /// <summary>The verification of the deploy.</summary>
    public VerifiedEntry? Verified { get; init; }

    /// <summary>The rollback, when one ran.</summary>
    public RolledBackEntry? RolledBack { get; init; }

    /// <summary>This record with <paramref name="entry"/> as the outcome of its stage.</summary>
    public DeliveryRecord With(StageEntry entry) => entry switch
    {
        BuiltEntry built => this with { Built = built },
        PushedEntry pushed => this with { Pushed = pushed },
        DeployedEntry deployed => this with { Deployed = deployed },
        VerifiedEntry verified => this with { Verified = verified },
        RolledBackEntry rolledBack => this with { RolledBack = rolledBack },
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.GetType().Name, "not a stage of a delivery"),
    };

    /// <summary>
    /// True when a change of this run is live and not trusted: the verification failed, or the deploy failed after it
    /// changed something. Rollback undoes exactly these.
    /// </summary>
    public bool NeedsRollback =>
        RolledBack is null && Deployed is { Changed: true } && (Verified is { Status: StageStatus.Failed } || Deployed is { Status: StageStatus.Failed, Interrupted: false });

    /// <summary>The service's outcome in one word, for reports.</summary>
    public DeliveryOutcome Outcome => this switch
    {
        { RolledBack: { Status: StageStatus.Succeeded, Verified.Status: StageStatus.Succeeded } } => DeliveryOutcome.RolledBack,
        { RolledBack: not null } => DeliveryOutcome.RollbackFailed,
        { Deployed.Status: StageStatus.Failed } or { Verified.Status: StageStatus.Failed } => DeliveryOutcome.Failed,
        { Pushed.Status: StageStatus.Failed } or { Built.Status: StageStatus.Failed } => DeliveryOutcome.Failed,
        { Verified.Status: StageStatus.Succeeded } => DeliveryOutcome.Verified,
        { Deployed.Status: StageStatus.Succeeded } => DeliveryOutcome.Deployed,
        { Pushed.Status: StageStatus.Succeeded } => DeliveryOutcome.Pushed,
        { Built.Status: StageStatus.Succeeded } => DeliveryOutcome.Built,
        _ => DeliveryOutcome.NotStarted,
    };
}
