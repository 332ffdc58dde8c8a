using Shipyard.Engine;

namespace Shipyard.Delivery.Locks;

/// <summary>The GitHub REST API root (<c>https://api.github.com</c>, or <c>https://host/api/v3</c> on GitHub Enterprise).</summary>
public static class GitHubApiUrl
{
    /// <summary>The public GitHub API.</summary>
    public const string Default = "https://api.github.com";

    /// <summary>
    /// Reads an API root: an absolute http(s) URL with a host and no query or fragment, returned with a trailing slash
    /// so relative paths such as <c>repos/o/r/actions/variables/X</c> resolve under it. Blank means <see cref="Default"/>.
    /// </summary>
    /// <param name="text">The URL as configured.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="UsageException">A malformed URL (one line, the value escaped).</exception>
    public static Uri Parse(string? text, string setting = "The GitHub API URL")
    {
        var value = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        if (!Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https") || url.Host.Length == 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
            throw new UsageException(
                $"{setting} must be an http(s) URL such as {Default} (GitHub Enterprise: https://host/api/v3), got '{UsageException.Escape(text ?? "")}'");
        return url;
    }
}
