namespace Shipyard.Delivery.ArgoCd;

/// <summary>Where Argo CD is and how long to wait for it.</summary>
public sealed record ArgoCdOptions
{
    /// <summary>The Argo CD server, e.g. <c>https://argocd.example.com</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>API token (an account or project token), sent as a bearer token.</summary>
    public required string Token { get; init; }

    /// <summary>How long to wait for the pushed revision to be synced and healthy.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Pause between status polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Ask the sync to delete resources no longer in git.</summary>
    public bool Prune { get; init; }
}
