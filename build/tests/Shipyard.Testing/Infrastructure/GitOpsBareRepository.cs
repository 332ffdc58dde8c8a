using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// A real bare git repository with a <c>main</c> branch seeded from files, the remote that GitOps tests push to;
/// inspected with the git CLI (a second opinion on what libgit2 wrote).
/// </summary>
public sealed class GitOpsBareRepository : IDisposable
{
    private static readonly ProcessRunner Git = new(TextWriter.Null, s => s);
    private readonly string? _ownedRoot;

    private GitOpsBareRepository(string path, string? ownedRoot)
    {
        Path = path;
        _ownedRoot = ownedRoot;
    }

    /// <summary>Folder of the bare repository.</summary>
    public string Path { get; }

    /// <summary><c>file://</c> URL of the repository.</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    /// <summary>Creates a bare repository at <paramref name="path"/> (or in a new temp folder) whose main has one commit with <paramref name="files"/>.</summary>
    public static async Task<GitOpsBareRepository> CreateAsync(IReadOnlyDictionary<string, string> files, string? path = null)
    {
        string? owned = null;
        if (path is null)
        {
            owned = Directory.CreateTempSubdirectory("gitops-remote-").FullName;
            path = System.IO.Path.Combine(owned, "remote.git");
        }
        await RunAsync(null, "init", "--bare", "--initial-branch=main", path);
        var work = Directory.CreateTempSubdirectory("gitops-seed-").FullName;
        try
        {
            await RunAsync(null, "clone", "--quiet", path, work);
            foreach (var (file, text) in files)
            {
                var full = System.IO.Path.Combine(work, file);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                await File.WriteAllTextAsync(full, text);
            }
            await RunAsync(work, "add", "-A");
            await RunAsync(work, "commit", "--quiet", "-m", "Seed manifests");
            await RunAsync(work, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return new GitOpsBareRepository(path, owned);
    }

    /// <summary>Commits on main, newest first: <c>sha subject</c>.</summary>
    public async Task<IReadOnlyList<string>> LogAsync() =>
        Lines(await RunAsync(Path, "log", "--format=%H %s", "main"));

    /// <summary>Runs git in the bare repository and returns its standard output.</summary>
    public Task<string> GitAsync(params string[] args) => RunAsync(Path, args);

    /// <summary>Content of <paramref name="file"/> at the tip of main.</summary>
    public Task<string> ShowAsync(string file) => RunAsync(Path, "show", $"main:{file}");

    /// <summary>Adds a commit writing <paramref name="file"/> (new or changed) on main, as another writer would.</summary>
    public async Task CommitAsync(string file, string text, string message)
    {
        var work = Directory.CreateTempSubdirectory("gitops-writer-").FullName;
        try
        {
            await RunAsync(null, "clone", "--quiet", Path, work);
            var full = System.IO.Path.Combine(work, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text);
            await RunAsync(work, "add", "--", file);
            await RunAsync(work, "commit", "--quiet", "-m", message);
            await RunAsync(work, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public void Dispose()
    {
        if (_ownedRoot is not null) Directory.Delete(_ownedRoot, recursive: true);
    }

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<string> RunAsync(string? dir, params string[] args)
    {
        string[] identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "safe.directory=*"];
        var result = await Git.RunAsync("git", [.. identity, .. args], new ProcessOptions { WorkingDirectory = dir, Echo = false });
        return result.StandardOutput;
    }
}
