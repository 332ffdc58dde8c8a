using System.Diagnostics;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>A throwaway git repository driven by the git CLI, for tests that need real commits, clones and pushes.</summary>
internal sealed class GitSandbox : IDisposable
{
    private GitSandbox(string root) => Root = root;

    public string Root { get; }

    /// <summary>A new repository on branch main.</summary>
    public static GitSandbox Init()
    {
        var sandbox = new GitSandbox(Directory.CreateTempSubdirectory("changes-").FullName);
        sandbox.Git("init", "-q", "-b", "main");
        sandbox.Git("config", "user.name", "Test");
        sandbox.Git("config", "user.email", "test@example.com");
        sandbox.Git("config", "commit.gpgsign", "false");
        return sandbox;
    }

    /// <summary>A clone of <paramref name="origin"/> over file://, optionally shallow.</summary>
    public static GitSandbox Clone(GitSandbox origin, int? depth = null, string? branch = null)
    {
        var root = Directory.CreateTempSubdirectory("changes-clone-").FullName;
        var args = new List<string> { "clone", "-q" };
        if (depth is { } d) args.AddRange(["--depth", d.ToString()]);
        if (branch is not null) args.AddRange(["--branch", branch]);
        args.AddRange([$"file://{origin.Root}", root]);
        Run(Path.GetTempPath(), [.. args]);
        var clone = new GitSandbox(root);
        clone.Git("config", "user.name", "Test");
        clone.Git("config", "user.email", "test@example.com");
        return clone;
    }

    public GitSandbox Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public GitSandbox Delete(string path)
    {
        Git("rm", "-q", "-r", path);
        return this;
    }

    /// <summary>Stages everything and commits; returns the new SHA.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Head;
    }

    public string Head => Git("rev-parse", "HEAD");

    public string Git(params string[] args) => Run(Root, args);

    private static string Run(string cwd, string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result.Trim();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
