using Shipyard.Delivery.Processes;

namespace Shipyard.Benchmarks;

/// <summary>
/// Builds build/benchmarks/Shipyard.Contender (one racing job or lock contender per OS process, as separate CI jobs
/// contend) into .nuke/temp and gives the command that starts one.
/// </summary>
internal static class ContenderCommand
{
    public static async Task<IReadOnlyList<string>> BuildAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(settings.RootDirectory, ".nuke", "temp", "contender");
        await new ProcessRunner(output, settings.Mask).RunAsync("dotnet",
            ["build", Path.Combine(settings.RootDirectory, "build", "benchmarks", "Shipyard.Contender", "Shipyard.Contender.csproj"), "-c", "Release", "-o", folder, "-nologo", "-v", "q"],
            new ProcessOptions { WorkingDirectory = settings.RootDirectory }, cancellationToken);
        return ["dotnet", Path.Combine(folder, "Shipyard.Contender.dll")];
    }
}
