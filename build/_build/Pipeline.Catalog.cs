using Shipyard.Delivery.Catalog;

partial class Pipeline
{
    /// <summary>Every service of the repository (loaded before any target is planned).</summary>
    ServiceCatalog Catalog = null!;

    /// <summary>
    /// The services this run works on: those named by <c>--service</c>, else all of them. Change detection
    /// narrows this further when it runs.
    /// </summary>
    IReadOnlyList<Shipyard.Delivery.Catalog.Service> SelectedServices { get; set; } = [];

    // Loaded here rather than in a target so that a broken service.yaml or an unknown --service stops every
    // target with exit code 2 before anything has run.
    protected override void OnInitialized()
    {
        base.OnInitialized();
        Catalog = ServiceCatalog.Load(RootDirectory);
        SelectedServices = Catalog.Select(Service);
        ValidateImageInputs();
    }
}
