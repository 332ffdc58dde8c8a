using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Records;
using Shipyard.Engine;

// Ctrl-C / SIGTERM: what may still be abandoned in an assured target, and the line an interrupted run ends with.
partial class Pipeline
{
    /// <summary>
    /// The run's own cancellation (Ctrl-C / SIGTERM), which assured targets do not get as their token: Rollback must
    /// finish its write, but may stop waiting for the restored version to become ready.
    /// </summary>
    CancellationToken Interrupted { get; set; }

    /// <summary>
    /// What each service was left at and what to run next. A GitOps deploy interrupted before it could report its
    /// commit is looked up in the GitOps repository: the manifest there tells whether its change landed.
    /// </summary>
    async Task<string> InterruptedLineAsync()
    {
        var cutOff = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var record in Ledger.All)
        {
            if (record is not { Deployed: { Receipt: null } deployed, RolledBack: null }) continue;
            cutOff[record.Service] = await LandedAsync(record.Service, deployed.Image);
        }
        return InterruptedAdvice.Line(Ledger.All, cutOff);
    }

    async Task<bool?> LandedAsync(string service, Shipyard.Delivery.Images.ImageReference image)
    {
        if (DeployServices.FirstOrDefault(s => s.Name == service) is not { Strategy: DeployStrategy.GitOps } catalogService) return null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), Time);
            var live = await Strategies(null).For(catalogService).DeployedImageAsync(catalogService, timeout.Token);
            return ImageIdentity.Same(live, image);
        }
        catch (Exception e) when (e is BuildFailedException or OperationCanceledException or IOException)
        {
            return null;
        }
    }
}
