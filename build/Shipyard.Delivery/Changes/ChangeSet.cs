namespace Shipyard.Delivery.Changes;

/// <summary>The affected set of one run: every catalog service with its build/deploy decision, and the bases used.</summary>
/// <param name="Head">Full SHA of the head.</param>
/// <param name="EventBase">The base from the explicit revision or the event.</param>
/// <param name="Services">Every catalog service, in catalog order (unaffected ones with both flags false).</param>
public sealed record ChangeSet(string Head, BaseChoice EventBase, IReadOnlyList<AffectedService> Services)
{
    /// <summary>The services with anything to do.</summary>
    public IReadOnlyList<AffectedService> Affected => [.. Services.Where(s => s.IsAffected)];

    /// <summary>Services whose image must be rebuilt.</summary>
    public IReadOnlyList<AffectedService> ToBuild => [.. Services.Where(s => s.Build)];

    /// <summary>Services that must be deployed (rebuilt, or with a changed manifest only).</summary>
    public IReadOnlyList<AffectedService> ToDeploy => [.. Services.Where(s => s.Deploy)];

    /// <summary>True when at least one service is affected.</summary>
    public bool Any => Services.Any(s => s.IsAffected);

    /// <summary>
    /// The set for services named explicitly (<c>--service</c>): each is built and deployed, whatever changed.
    /// </summary>
    public static ChangeSet Selected(IReadOnlyList<Catalog.Service> catalog, IReadOnlyCollection<string> names, string head, bool deploy = true) =>
        new(head, BaseChoice.Everything("selected with --service"),
            [.. catalog.Select(s => names.Contains(s.Name)
                ? new AffectedService(s, true, deploy, ["selected with --service"])
                : new AffectedService(s, false, false, ["not selected"]))]);
}
