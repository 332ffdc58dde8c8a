namespace Shipyard.Engine;

/// <summary>Where the build runs: a terminal or a CI system. Targets use it for CI-specific outputs.</summary>
public interface IBuildHost
{
    /// <summary>Name shown in logs ("Terminal", "GitHubActions").</summary>
    string Name { get; }

    /// <summary>True when the build runs in CI.</summary>
    bool IsServer { get; }

    /// <summary>Writes <c>name=value</c> to <c>$GITHUB_OUTPUT</c> (or the host's equivalent); no-op on a terminal.</summary>
    void SetOutput(string name, string value);

    /// <summary>Appends markdown to the job summary (<c>$GITHUB_STEP_SUMMARY</c>); no-op on a terminal.</summary>
    void AppendSummary(string markdown);

    /// <summary>Reports a warning (annotation on GitHub Actions).</summary>
    void Warning(string message);
}
