using System.Linq.Expressions;

namespace Shipyard.Engine.Tests.Support;

/// <summary>Runs a test build in-process with its own output, environment, folder and clock.</summary>
public sealed class TestRun : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("engine-test-").FullName;
    public Dictionary<string, string> Environment { get; } = [];
    public FakeTimeProvider Time { get; } = new();
    public bool Color { get; set; }
    public CancellationToken Cancellation { get; set; }
    public string Output { get; private set; } = "";
    public int ExitCode { get; private set; }

    public string NukeDirectory
    {
        get
        {
            var path = Path.Combine(Root, ".nuke");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public void WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public async Task<int> RunAsync<T>(T build, string commandLine, params Expression<Func<T, Target>>[] defaults) where T : BuildBase
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var writer = new StringWriter();
        var session = new BuildSession(writer, Environment, Root, Cancellation, Time) { Color = Color };
        ExitCode = await BuildRunner.RunAsync(build, args, session, defaults);
        Output = writer.ToString();
        return ExitCode;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
