using Shipyard.Engine;

namespace Build.Tests.Cli;

/// <summary>Runs the real Pipeline in-process in a scratch folder (no <c>.nuke/</c>, so nothing is written).</summary>
internal sealed class PipelineRun : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pipeline-cli-").FullName;
    public string Output { get; private set; } = "";
    public Pipeline Build { get; } = new();

    public async Task<int> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var session = new BuildSession(writer, new Dictionary<string, string>(), Root, CancellationToken.None, TimeProvider.System);
        var exitCode = await BuildRunner.RunAsync(Build, args, session, Pipeline.DefaultTarget);
        Output = writer.ToString();
        return exitCode;
    }

    /// <summary>The repository this test binary was built from (the folder holding global.json and .nuke/).</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "global.json")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
