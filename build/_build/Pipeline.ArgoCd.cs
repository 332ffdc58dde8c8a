using Shipyard.Delivery.ArgoCd;
using Shipyard.Engine;

// Argo CD: parameters, and the factory the GitOps strategy calls.
partial class Pipeline
{
    [Parameter("Argo CD server URL, e.g. https://argocd.example.com; unset: the sync is skipped")]
    readonly string? ArgocdServer = null;

    [Parameter("Argo CD API token (bearer) of an account allowed to get and sync the applications"), Secret]
    readonly string? ArgocdToken = null;

    [Parameter("How long to wait for Argo CD to sync the pushed GitOps commit")]
    readonly TimeSpan ArgocdTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Argo CD's sync, or a component that skips it with the reason when no server is configured.</summary>
    IArgoCd CreateArgoCd(TargetContext context) => ArgoCds.Create(ArgocdServer, ArgocdToken, ArgocdTimeout, Time, context.Output);
}
