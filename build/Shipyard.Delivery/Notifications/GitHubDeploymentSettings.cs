namespace Shipyard.Delivery.Notifications;

/// <summary>Where GitHub deployments are recorded. No token → off. The repository comes from the run (<see cref="CiLinks.Repository"/>).</summary>
public sealed record GitHubDeploymentSettings
{
    /// <summary>A token with <c>deployments: write</c> (the workflow's GITHUB_TOKEN); a secret.</summary>
    public string? Token { get; init; }

    /// <summary>The REST API root: <c>https://api.github.com/</c>, a GitHub Enterprise <c>https://host/api/v3</c>, or a test server.</summary>
    public Uri ApiUrl { get; init; } = new("https://api.github.com/");

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
