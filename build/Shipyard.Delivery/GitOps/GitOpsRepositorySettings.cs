namespace Shipyard.Delivery.GitOps;

/// <summary>Where the GitOps manifests live and how to write to them.</summary>
public sealed record GitOpsRepositorySettings
{
    /// <summary>Clone URL (<c>https://…</c>, <c>file://…</c>) or local path of the repository. Must not carry credentials.</summary>
    public required string Url { get; init; }

    /// <summary>Branch the deploy commits go to.</summary>
    public string Branch { get; init; } = "main";

    /// <summary>HTTPS token, sent as the password of user <c>x-access-token</c>; never put in the URL or git config.</summary>
    public string? Token { get; init; }

    /// <summary>Author and committer of deploy commits.</summary>
    public GitIdentity Identity { get; init; } = GitIdentity.ActionsBot;

    /// <summary>Folder under which the temporary clones are made (each removed afterwards).</summary>
    public string WorkRoot { get; init; } = Path.GetTempPath();

    /// <summary>Push attempts before giving up when other writers keep moving the branch.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>First backoff window after a rejected push; it doubles per attempt (full jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Largest backoff window.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// After a push lost a race, park the commits for the writer at the front to push with its own (see
    /// <see cref="GitOpsHandOff"/>) instead of sleeping and racing again. False: jittered exponential backoff only.
    /// </summary>
    public bool HandOff { get; init; } = true;

    /// <summary>Pause between looks at the hand-off refs for the writer next in line.</summary>
    public TimeSpan HandOffPoll { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>How long nothing may move before a waiting writer takes the front from one presumed gone.</summary>
    public TimeSpan HandOffStallAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Age after which a parked or landed ticket is ignored and swept (its writer died).</summary>
    public TimeSpan HandOffTicketTtl { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The run's tool-time accumulator: the time inside git is recorded there (null: not recorded).</summary>
    public Shipyard.Delivery.Processes.ToolTimes? ToolTimes { get; init; }
}
