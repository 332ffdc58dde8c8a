using Shipyard.Engine;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Argo CD reported a failure (a failed operation, Degraded, or the deadline passed): the message is one line for the
/// summary; <see cref="Reasons"/> lists every resource's own reason (also written to the log).
/// </summary>
public sealed class ArgoCdFailedException(string message, IReadOnlyList<string> reasons) : BuildFailedException(message)
{
    /// <summary>Every reason, one per resource or operation, most specific first.</summary>
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
