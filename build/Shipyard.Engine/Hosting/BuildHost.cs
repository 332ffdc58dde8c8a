namespace Shipyard.Engine;

/// <summary>
/// What the engine asks of a host besides <see cref="IBuildHost"/>: target sections, errors, secret masks and the
/// end-of-run summary. Everything written goes through the masked output.
/// </summary>
internal abstract class BuildHost(TextWriter output) : IBuildHost
{
    protected TextWriter Output { get; } = output;

    public abstract string Name { get; }
    public abstract bool IsServer { get; }

    public virtual void SetOutput(string name, string value) { }
    public virtual void AppendSummary(string markdown) { }
    public abstract void Warning(string message);

    /// <summary>Reports a failure the user must read (usage errors, target failures).</summary>
    public abstract void Error(string message);

    /// <summary>Before the first target: the host may need to learn the secret values (GitHub's add-mask).</summary>
    public virtual void Start(IEnumerable<string> secretValues) { }

    public abstract void BeginTarget(string name);
    public virtual void EndTarget(string name) { }

    /// <summary>After the summary table: hosts with a job summary add the record and the plan there.</summary>
    public virtual void Finish(RunRecord record, string mermaidPlan) { }
}
