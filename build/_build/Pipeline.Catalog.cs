using Shipyard.Delivery.Catalog;

partial class Pipeline
{
    /// <summary>Every service of the repository (loaded before any target is planned).</summary>
    ServiceCatalog Catalog = null!;

    /// <summary>The services named by <c>--service</c>, else every service (Test and Bump work on these).</summary>
    IReadOnlyList<Shipyard.Delivery.Catalog.Service> SelectedServices { get; set; } = [];

    /// <summary>Services whose image Build and Push make: <c>--service</c>, else those change detection says changed.</summary>
    IReadOnlyList<Shipyard.Delivery.Catalog.Service> BuildServices => ServiceNames.Length > 0 ? SelectedServices : ServicesToBuild();

    /// <summary>Services Deploy deploys: <c>--service</c>, else the rebuilt ones and those whose manifest alone changed.</summary>
    IReadOnlyList<Shipyard.Delivery.Catalog.Service> DeployServices => ServiceNames.Length > 0 ? SelectedServices : ServicesToDeploy();

    // Loaded here rather than in a target so that a broken service.yaml or an unknown --service stops every
    // target with exit code 2 before anything has run.
    protected override void OnInitialized()
    {
        base.OnInitialized();
        _ = ToolTimes; // starts the run's clock (Pipeline.Provisioning.cs)
        Catalog = ServiceCatalog.Load(RootDirectory);
        SelectedServices = Catalog.Select(ServiceNames);
        AddConfiguredNotifiers();
    }
}
