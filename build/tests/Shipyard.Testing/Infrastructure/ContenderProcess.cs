namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// The command that starts one contender OS process (build/benchmarks/Shipyard.Contender), copied next to the test
/// assembly by the test project's reference to it.
/// </summary>
public static class ContenderProcess
{
    /// <summary><c>dotnet &lt;test output&gt;/Shipyard.Contender.dll</c>.</summary>
    public static IReadOnlyList<string> Command
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Shipyard.Contender.dll");
            return File.Exists(dll)
                ? ["dotnet", dll]
                : throw new InvalidOperationException($"{dll} is missing: the test project must reference build/benchmarks/Shipyard.Contender");
        }
    }
}
