namespace Shipyard.Engine;

/// <summary>What the executor needs besides the plan: where to write, which host, how wide to fan out, when to stop.</summary>
internal sealed record ExecutionSettings(
    TextWriter Output,
    BuildHost Host,
    SecretSet Secrets,
    TimeProvider Time,
    int Parallelism,
    CancellationToken Cancellation);
