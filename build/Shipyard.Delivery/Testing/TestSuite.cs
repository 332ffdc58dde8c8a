namespace Shipyard.Delivery.Testing;

/// <summary>One row of the Test target: a shell command that runs a set of tests in a folder.</summary>
/// <param name="Name">Row name: the service name, or <c>build</c> for the build's own tests.</param>
/// <param name="Command">Shell command (any language: <c>dotnet test</c>, <c>go test ./...</c>, <c>pytest</c>).</param>
/// <param name="WorkingDirectory">Absolute folder the command runs in.</param>
public sealed record TestSuite(string Name, string Command, string WorkingDirectory)
{
    /// <summary>Extra environment variables for the command.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
