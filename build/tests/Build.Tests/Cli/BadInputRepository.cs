using System.Diagnostics;
using Shipyard.Engine;

namespace Build.Tests.Cli;

/// <summary>
/// A committed throwaway repository for bad-input runs: <c>.nuke/parameters.json</c>, one service <c>todo-api</c>
/// released as <c>todo-api/v1.2.3</c> with a releasable commit after it (so a Bump that went ahead would tag), no
/// remote. The pipeline runs in-process with an environment of the test's own (no CI variables leak in).
/// </summary>
internal sealed class BadInputRepository : IDisposable
{
    public BadInputRepository(string parametersJson = "{}\n", string serviceYaml = "prepare: echo ok\n")
    {
        Write(".nuke/parameters.json", parametersJson);
        Write("services/todo-api/Dockerfile", "FROM scratch\n");
        Write("services/todo-api/service.yaml", serviceYaml);
        Write(".gitignore", ".nuke/temp/\n.nuke/build.schema.json\n");
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "feat: todo-api");
        Git("tag", "-a", "todo-api/v1.2.3", "-m", "release");
        Write("services/todo-api/feature.txt", "x\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "feat(api): due dates");
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("bad-input-").FullName;

    /// <summary>Runs the pipeline with <paramref name="args"/>; returns the exit code, what it printed and its run record.</summary>
    public async Task<(int ExitCode, string Output, RunRecord? Record)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var pipeline = new Pipeline();
        var session = new BuildSession(output, new Dictionary<string, string> { ["HOME"] = Root }, Root, TestContext.Current.CancellationToken, TimeProvider.System);
        var exitCode = await BuildRunner.RunAsync(pipeline, [.. args, "--root", Root, "--no-logo"], session, Pipeline.DefaultTarget);
        return (exitCode, output.ToString(), pipeline.Record);
    }

    /// <summary>Runs git in the root with an identity; returns its trimmed output.</summary>
    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git", ["-c", "user.name=t", "-c", "user.email=t@t", .. args])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error.Result}");
        return text.Trim();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
