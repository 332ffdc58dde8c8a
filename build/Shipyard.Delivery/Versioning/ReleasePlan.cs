using Semver;

namespace Shipyard.Delivery.Versioning;

/// <summary>What Bump decided for one service.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Previous">The last release (null for the first one).</param>
/// <param name="Next">The next version; null when there is nothing to release.</param>
/// <param name="Kind">The bump applied (from commits or <c>--bump</c>).</param>
/// <param name="Commits">Short SHA and subject of each commit since the last release that touches the service.</param>
public sealed record ReleasePlan(string Service, SemVersion? Previous, SemVersion? Next, BumpKind Kind, IReadOnlyList<string> Commits)
{
    /// <summary>The release tag to create (<c>todo-api/v1.3.0</c> or <c>v1.3.0</c>); null when nothing to release.</summary>
    public string? Tag { get; init; }

    /// <summary>True once the tag reached the remote.</summary>
    public bool Pushed { get; init; }

    /// <summary>One line for the summary.</summary>
    public string Note => Next is null
        ? $"nothing to release since {(Previous is null ? "the first commit" : $"v{Previous}")} ({Commits.Count} commit(s) touch it, none releasable)"
        : $"{Previous?.ToString() ?? "(none)"} → {Next} ({Kind.ToString().ToLowerInvariant()}, {Commits.Count} commit(s)){(Pushed ? ", tag pushed" : "")}";
}
