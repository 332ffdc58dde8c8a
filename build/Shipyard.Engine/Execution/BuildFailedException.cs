namespace Shipyard.Engine;

/// <summary>
/// An expected failure of a stage (registry refused the push, rollout failed ...): the target fails with this
/// message and no stack trace, and the build exits with code 1.
/// </summary>
public class BuildFailedException(string message, Exception? inner = null) : Exception(message, inner);
