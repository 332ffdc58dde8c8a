namespace Shipyard.Engine;

/// <summary>The mutable row of a target or item while it runs; frozen into a <see cref="RunRecordRow"/> at the end.</summary>
internal sealed class RowState(string target, string? item)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _facts = [];

    public string Target { get; } = target;
    public string? Item { get; } = item;
    public TargetStatus Status { get; set; } = TargetStatus.NotRun;
    public TimeSpan Duration { get; set; }
    public string? Note { get; set; }
    public string? SkipReason { get; set; }

    /// <summary>Failed with a <see cref="UsageException"/>: the build exits with 2 rather than 1.</summary>
    public bool UsageError { get; set; }

    /// <summary>Failed only because some of its fan-out items failed: later fan-outs go on with the other items.</summary>
    public bool FailedByItems { get; set; }

    public void Fact(string key, string value)
    {
        lock (_gate) _facts[key] = value;
    }

    public RunRecordRow Freeze(SecretSet secrets)
    {
        lock (_gate)
        {
            var facts = _facts.ToDictionary(f => f.Key, f => secrets.Mask(f.Value));
            return new RunRecordRow(Target, Item, Status, Duration, Note is null ? null : secrets.Mask(Note), facts);
        }
    }
}
