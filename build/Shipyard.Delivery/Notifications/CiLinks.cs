namespace Shipyard.Delivery.Notifications;

/// <summary>
/// The CI run a delivery came from, for links and the GitHub deployment's ref. Every part is optional: a local run
/// has none, and notifications then simply carry no links.
/// </summary>
/// <param name="ServerUrl">e.g. <c>https://github.com</c> (<c>GITHUB_SERVER_URL</c>).</param>
/// <param name="Repository"><c>owner/name</c> (<c>GITHUB_REPOSITORY</c>).</param>
/// <param name="RunId">The workflow run id (<c>GITHUB_RUN_ID</c>).</param>
/// <param name="Sha">The full source commit SHA (<c>GITHUB_SHA</c>).</param>
/// <param name="Actor">Who started the run (<c>GITHUB_ACTOR</c>).</param>
public sealed record CiLinks(string? ServerUrl, string? Repository, string? RunId, string? Sha, string? Actor = null)
{
    /// <summary>No CI: a local run.</summary>
    public static CiLinks None { get; } = new(null, null, null, null);

    /// <summary>The run page, when server, repository and run id are known.</summary>
    public Uri? RunUrl => Link(RunId is { Length: > 0 } ? $"actions/runs/{RunId}" : null);

    /// <summary>The commit page, when server, repository and SHA are known.</summary>
    public Uri? CommitUrl => Link(Sha is { Length: > 0 } ? $"commit/{Sha}" : null);

    /// <summary>The first 7 characters of <see cref="Sha"/>.</summary>
    public string? ShortSha => Sha is null ? null : Sha[..Math.Min(7, Sha.Length)];

    /// <summary>Reads the GitHub Actions variables from <paramref name="environment"/> (the caller's snapshot, not the process's).</summary>
    public static CiLinks FromGitHubActions(IReadOnlyDictionary<string, string?> environment) => new(
        Get(environment, "GITHUB_SERVER_URL"), Get(environment, "GITHUB_REPOSITORY"), Get(environment, "GITHUB_RUN_ID"),
        Get(environment, "GITHUB_SHA"), Get(environment, "GITHUB_ACTOR"));

    private Uri? Link(string? tail) =>
        tail is null || string.IsNullOrEmpty(ServerUrl) || string.IsNullOrEmpty(Repository)
            ? null
            : Uri.TryCreate($"{ServerUrl.TrimEnd('/')}/{Repository}/{tail}", UriKind.Absolute, out var url) ? url : null;

    private static string? Get(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
