using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Testing;

/// <summary>Builds the suites of the Test target from the catalog.</summary>
public static class TestSuites
{
    /// <summary>Row name of the build's own tests.</summary>
    public const string BuildName = "build";

    /// <summary>
    /// The suite of <paramref name="service"/>, or null when it has no test command. .NET outputs go to a
    /// per-service folder under <c>.nuke/temp/test/</c> (MSBuild reads these variables as properties; other
    /// toolchains ignore them): services run in parallel and share projects, and two builds writing the same
    /// <c>obj/</c> of a shared library at once can break each other.
    /// </summary>
    public static TestSuite? ForService(Service service, string rootDirectory) =>
        service.TestCommand is not { } command ? null : new TestSuite(service.Name, command, Path.Combine(rootDirectory, service.Directory))
        {
            Environment = new Dictionary<string, string?>
            {
                ["UseArtifactsOutput"] = "true",
                ["ArtifactsPath"] = Path.Combine(rootDirectory, ".nuke", "temp", "test", service.Name),
            },
        };

    /// <summary>The build's own tests, run at the root; <paramref name="nestedMarker"/> is set so a Test run inside them can tell.</summary>
    public static TestSuite ForBuild(string command, string rootDirectory, string nestedMarker) =>
        new(BuildName, command, rootDirectory) { Environment = new Dictionary<string, string?> { [nestedMarker] = "1" } };

    /// <summary>The runner of suites: runs a suite's command through <paramref name="processes"/> and reads its outcome.</summary>
    public static ITestRunner Runner(Processes.ProcessRunner processes) => new ServiceTestRunner(processes);
}
