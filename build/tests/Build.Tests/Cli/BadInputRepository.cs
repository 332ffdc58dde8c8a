using System.Diagnostics;
using Shipyard.Engine;

namespace Build.Tests.Cli;

/// <summary>
/// A committed throwaway repository for bad-input runs: <c>.nuke/parameters.json</c>, one service <c>todo-api</c>
/// released as <c>todo-api/v1.2.3</c> with a releasable commit after it (so a Bump that went ahead would tag), no
/// remote. The pipeline runs in-process with an environment of the test's own (no CI variables leak in). With
/// <c>gitops</c> files, a bare GitOps repository beside it (not inside, so <c>git status</c> stays about the repository).
/// </summary>
internal sealed class BadInputRepository : IDisposable
{
    public BadInputRepository(string parametersJson = "{}\n", string serviceYaml = "prepare: echo ok\n", IReadOnlyDictionary<string, string>? gitops = null)
    {
        if (gitops is not null) GitOpsPath = CreateGitOps(gitops);
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

    /// <summary>The bare GitOps repository, or null when none was asked for.</summary>
    public string? GitOpsPath { get; }

    /// <summary>Runs git in the GitOps repository; returns its trimmed output.</summary>
    public string GitOps(params string[] args) => Run(GitOpsPath!, args);

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
    public string Git(params string[] args) => Run(Root, args);

    private static string Run(string directory, string[] args)
    {
        var start = new ProcessStartInfo("git", ["-c", "user.name=t", "-c", "user.email=t@t", .. args])
        {
            WorkingDirectory = directory,
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
        foreach (var dir in new[] { Root, GitOpsPath is null ? null : Path.GetDirectoryName(GitOpsPath) })
        {
            try { if (dir is not null) Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string CreateGitOps(IReadOnlyDictionary<string, string> files)
    {
        var bare = Path.Combine(Directory.CreateTempSubdirectory("bad-input-gitops-").FullName, "gitops.git");
        var work = Path.Combine(Path.GetDirectoryName(bare)!, "work");
        Run(Path.GetDirectoryName(bare)!, ["init", "-q", "--bare", "-b", "main", bare]);
        Run(Path.GetDirectoryName(bare)!, ["init", "-q", "-b", "main", work]);
        foreach (var (file, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(work, file))!);
            File.WriteAllText(Path.Combine(work, file), text);
        }
        Run(work, ["add", "-A"]);
        Run(work, ["commit", "-q", "-m", "Seed manifests"]);
        Run(work, ["push", "-q", bare, "HEAD:refs/heads/main"]);
        Directory.Delete(work, recursive: true);
        return bare;
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
