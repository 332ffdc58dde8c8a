using Shipyard.Engine;

namespace Shipyard.Delivery.Processes;

/// <summary>An external command exited non-zero. The message names the command (secrets masked) and the tail of its output.</summary>
public sealed class ProcessFailedException(string command, ProcessResult result, string message)
    : BuildFailedException(message)
{
    /// <summary>The command line as echoed (masked).</summary>
    public string Command { get; } = command;

    /// <summary>Exit code and captured output (masked).</summary>
    public ProcessResult Result { get; } = result;
}
