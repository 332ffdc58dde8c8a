using System.Text.Json;

namespace Shipyard.Delivery.Changes;

/// <summary>Reads the parts of a GitHub Actions event payload (<c>$GITHUB_EVENT_PATH</c>) that base selection needs.</summary>
public static class GitHubEventReader
{
    /// <summary>
    /// The event from its name and payload JSON (either may be null: a local run). <paramref name="refName"/> is
    /// <c>$GITHUB_REF</c>, used when the payload has no <c>ref</c>; <paramref name="defaultBranch"/> applies when the
    /// payload does not name the repository's default branch.
    /// </summary>
    public static ChangeEvent Read(string? eventName, string? payloadJson, string? refName = null, string defaultBranch = DefaultBranch.Fallback)
    {
        if (string.IsNullOrEmpty(eventName)) return ChangeEvent.Local with { DefaultBranch = defaultBranch };
        if (string.IsNullOrWhiteSpace(payloadJson))
            return new ChangeEvent { Name = eventName, Ref = refName, DefaultBranch = defaultBranch };

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException e)
        {
            // The file is the CI runner's, not the user's: a failed stage, one line, with where the parser stopped.
            throw new Shipyard.Engine.BuildFailedException(
                $"The CI event payload (GITHUB_EVENT_PATH) is not valid JSON ({e.Message.Split('\n')[0].Trim()}): unset GITHUB_EVENT_NAME to run without the event.");
        }
        using var _ = doc;
        var root = doc.RootElement;
        return new ChangeEvent
        {
            Name = eventName,
            Before = Get(root, "before"),
            Ref = Get(root, "ref") ?? refName,
            PullRequestBaseRef = Get(root, "pull_request", "base", "ref"),
            PullRequestBaseSha = Get(root, "pull_request", "base", "sha"),
            DefaultBranch = Get(root, "repository", "default_branch") is { Length: > 0 } known ? known : defaultBranch,
        };
    }

    /// <summary>
    /// The event described by a GitHub Actions environment (<c>GITHUB_EVENT_NAME</c>, the payload file at
    /// <c>GITHUB_EVENT_PATH</c>, <c>GITHUB_REF</c>); a local run when the name is absent.
    /// </summary>
    public static ChangeEvent FromEnvironment(IReadOnlyDictionary<string, string> environment, string defaultBranch = DefaultBranch.Fallback)
    {
        var name = environment.GetValueOrDefault("GITHUB_EVENT_NAME");
        var path = environment.GetValueOrDefault("GITHUB_EVENT_PATH");
        var payload = !string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(path) && File.Exists(path) ? File.ReadAllText(path) : null;
        return Read(name, payload, environment.GetValueOrDefault("GITHUB_REF"), defaultBranch);
    }

    private static string? Get(JsonElement element, params string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
