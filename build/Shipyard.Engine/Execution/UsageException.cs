namespace Shipyard.Engine;

/// <summary>Bad input from the user: the build prints the one-line message and exits with code 2, having changed nothing.</summary>
public sealed class UsageException(string message) : Exception(message);
