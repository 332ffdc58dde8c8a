namespace Shipyard.Engine;

/// <summary>
/// Everything a run takes from the outside world, so tests can run builds in parallel in one process:
/// output, environment, working directory, cancellation and time.
/// </summary>
public sealed record BuildSession(
    TextWriter Output,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    CancellationToken Cancellation,
    TimeProvider Time)
{
    /// <summary>Whether to colour the output (terminal host only; <c>NO_COLOR</c> turns it off).</summary>
    public bool Color { get; init; }

    /// <summary>
    /// Where else to look for <c>.nuke/</c> when the working directory is outside the repository: the console session
    /// sets the build's binaries folder, so <c>build.sh</c> works from anywhere; test sessions never fall back.
    /// </summary>
    internal string? RootSearchFallback { get; init; }
}
