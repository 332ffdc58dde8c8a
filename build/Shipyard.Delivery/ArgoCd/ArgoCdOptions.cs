namespace Shipyard.Delivery.ArgoCd;

/// <summary>Where Argo CD is, how long to wait for it, and how to follow an application.</summary>
public sealed record ArgoCdOptions
{
    /// <summary>The Argo CD server, e.g. <c>https://argocd.example.com</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>API token (an account or project token), sent as a bearer token.</summary>
    public required string Token { get; init; }

    /// <summary>How long Deploy waits for the pushed revision to be synced; the wait ends at this deadline, not after it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Follow the application through Argo CD's watch stream (server-sent events); false: poll only.</summary>
    public bool Watch { get; init; } = true;

    /// <summary>
    /// Longest pause between reads when polling (the stream is refused or buffered by a proxy). Each pause is drawn
    /// between half of this and all of it, so parallel builds do not read in lockstep.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an opened stream may stay silent before it is taken as buffered (Argo CD sends the application at once
    /// when a watch starts, so silence means something in between holds the events back).
    /// </summary>
    public TimeSpan StreamSilenceLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Ask the sync to delete resources no longer in git.</summary>
    public bool Prune { get; init; }
}
