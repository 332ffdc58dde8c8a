namespace Shipyard.Delivery.Changes;

/// <summary>What triggered the run, as far as base selection cares. All null for a local run.</summary>
public sealed record ChangeEvent
{
    /// <summary>CI event name: <c>push</c>, <c>pull_request</c>, <c>workflow_dispatch</c> ...; null locally.</summary>
    public string? Name { get; init; }

    /// <summary>Push: the branch tip before the push (all zeros for a new branch).</summary>
    public string? Before { get; init; }

    /// <summary>The ref being built, e.g. <c>refs/heads/main</c>.</summary>
    public string? Ref { get; init; }

    /// <summary>Pull request: the target branch name, e.g. <c>main</c>.</summary>
    public string? PullRequestBaseRef { get; init; }

    /// <summary>Pull request: the target branch's tip when the event fired.</summary>
    public string? PullRequestBaseSha { get; init; }

    /// <summary>The repository's default branch.</summary>
    public string DefaultBranch { get; init; } = "main";

    /// <summary>A run started from a terminal, with no CI event.</summary>
    public static ChangeEvent Local { get; } = new();

    /// <summary>True for <c>pull_request</c> and <c>pull_request_target</c>.</summary>
    public bool IsPullRequest => Name is "pull_request" or "pull_request_target";

    /// <summary>The branch name of <see cref="Ref"/>, when it is a branch.</summary>
    public string? Branch => Ref is { } r && r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..] : null;
}
