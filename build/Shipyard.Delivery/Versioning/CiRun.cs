namespace Shipyard.Delivery.Versioning;

/// <summary>
/// The CI run a build belongs to (GitHub Actions), read once from the environment: every link, commit trailer,
/// lock holder and notification takes it from here.
/// </summary>
/// <param name="Server">e.g. <c>https://github.com</c>.</param>
/// <param name="Repository"><c>owner/name</c>.</param>
/// <param name="RunId">The workflow run id.</param>
/// <param name="Attempt">The run attempt (1 for the first).</param>
/// <param name="Sha">The commit the run is for.</param>
/// <param name="Actor">Who started it, when known.</param>
public sealed record CiRun(string Server, string Repository, string RunId, int Attempt, string? Sha, string? Actor)
{
    /// <summary>The run's page.</summary>
    public string RunUrl => $"{RepositoryUrl}/actions/runs/{RunId}" + (Attempt > 1 ? $"/attempts/{Attempt}" : "");

    /// <summary>The repository's page.</summary>
    public string RepositoryUrl => $"{Server.TrimEnd('/')}/{Repository}";

    /// <summary>A commit's page.</summary>
    public string CommitUrl(string sha) => $"{RepositoryUrl}/commit/{sha}";

    /// <summary>Who holds a deploy lock for this run: the run id, with the attempt when re-run.</summary>
    public string Holder => Attempt > 1 ? $"{RunId}-{Attempt}" : RunId;

    /// <summary>The run from GitHub Actions' variables; null outside CI (no <c>GITHUB_RUN_ID</c>).</summary>
    public static CiRun? From(IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        if (Get("GITHUB_RUN_ID") is not { } run) return null;
        var attempt = int.TryParse(Get("GITHUB_RUN_ATTEMPT"), out var a) && a > 0 ? a : 1;
        return new CiRun(Get("GITHUB_SERVER_URL") ?? "https://github.com", Get("GITHUB_REPOSITORY") ?? "", run, attempt, Get("GITHUB_SHA"), Get("GITHUB_ACTOR"));
    }
}
