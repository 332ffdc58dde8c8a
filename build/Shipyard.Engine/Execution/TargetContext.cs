namespace Shipyard.Engine;

/// <summary>What a running target (or one fan-out item of it) can see and report.</summary>
public abstract class TargetContext
{
    /// <summary>Cancelled on Ctrl-C / SIGTERM (assured targets get a fresh, uncancelled token).</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Output for this target; secrets are masked. Fan-out items write prefixed lines.</summary>
    public abstract TextWriter Output { get; }

    /// <summary>The host the build runs on (terminal or GitHub Actions).</summary>
    public abstract IBuildHost Host { get; }

    /// <summary>Sets the note column of this target's (or item's) summary row.</summary>
    public abstract void Note(string note);

    /// <summary>Records a key fact (digest, commit, revision ...) in the run record for this row.</summary>
    public abstract void Fact(string key, string value);

    /// <summary>Ends this target (or item) as Skipped with the reason, without failing.</summary>
    public abstract void Skip(string reason);
}
