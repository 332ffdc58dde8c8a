namespace Shipyard.Delivery.ArgoCd;

/// <summary>Verify's view through Argo CD: the application is Healthy at the revision (or at a newer one containing it).</summary>
/// <param name="Application">Argo CD application name.</param>
/// <param name="Revision">The revision the wait was for.</param>
/// <param name="Health">Argo CD health, <c>Healthy</c>; <c>Unknown</c> when skipped.</param>
/// <param name="Waited">How long the wait took.</param>
/// <param name="Note">What happened, for the summary, e.g. <c>Healthy at 6bd819a per Argo CD (waited 2.0 s)</c>.</param>
/// <param name="Skipped">True when no Argo CD was configured.</param>
public sealed record ArgoHealthResult(string Application, string Revision, string Health, TimeSpan Waited, string Note, bool Skipped = false)
{
    /// <summary>The revision Argo CD reported Healthy: <see cref="Revision"/>, or a newer commit whose history has it.</summary>
    public string Live { get; init; } = Revision;
}
