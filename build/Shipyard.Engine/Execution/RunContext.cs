namespace Shipyard.Engine;

/// <summary>The <see cref="TargetContext"/> of one target or fan-out item, writing into its own row.</summary>
internal sealed class RunContext(RowState row, TextWriter output, IBuildHost host, CancellationToken cancellationToken) : TargetContext
{
    public override CancellationToken CancellationToken => cancellationToken;
    public override TextWriter Output => output;
    public override IBuildHost Host => host;
    public override void Note(string note) => row.Note = note;
    public override void Fact(string key, string value) => row.Fact(key, value);
    public override void Skip(string reason) => row.SkipReason = reason;
}
