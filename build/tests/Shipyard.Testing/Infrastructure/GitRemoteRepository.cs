using System.Diagnostics;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// A throwaway work repository with a bare <c>origin</c> over file://, driven by the real git CLI:
/// <c>repo.Commit("services/todo-api/a.txt", "feat: x")</c>, <c>repo.Tag("todo-api/v1.0.0")</c>.
/// </summary>
public sealed class GitRemoteRepository : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("git-remote-").FullName;

    public GitRemoteRepository()
    {
        RegistryServer.Require("git", "apt-get install -y git");
        Directory.CreateDirectory(WorkTree);
        Git(_dir, "init", "--bare", "-b", "main", RemotePath);
        Git(WorkTree, "init", "-b", "main");
        Git(WorkTree, "config", "user.name", "Test");
        Git(WorkTree, "config", "user.email", "test@example.test");
        Git(WorkTree, "remote", "add", "origin", "file://" + RemotePath);
    }

    public string WorkTree => Path.Combine(_dir, "work");

    public string RemotePath => Path.Combine(_dir, "origin.git");

    /// <summary>Writes (or appends to) <paramref name="path"/> and commits it with <paramref name="message"/>; returns the SHA.</summary>
    public string Commit(string path, string message)
    {
        var file = Path.Combine(WorkTree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, message + "\n");
        Git(WorkTree, "add", "-A");
        Git(WorkTree, "commit", "-q", "-m", message);
        return Git(WorkTree, "rev-parse", "HEAD");
    }

    public void Tag(string name) => Git(WorkTree, "tag", "-a", name, "-m", name);

    public void PushAll() => Git(WorkTree, "push", "-q", "--follow-tags", "origin", "main");

    /// <summary>The tags the bare remote has.</summary>
    public IReadOnlyList<string> RemoteTags() =>
        [.. Git(RemotePath, "tag", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public IReadOnlyList<string> LocalTags() =>
        [.. Git(WorkTree, "tag", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git", args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        return output.Trim();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
