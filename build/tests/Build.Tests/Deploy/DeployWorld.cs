using System.Diagnostics;
using Build.Tests.Platform;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Build.Tests.Deploy;

/// <summary>
/// A copy of the sample platform committed to its own git repository, a bare GitOps remote cloned from it, and a real
/// registry: what an in-process Deploy, Verify or Rollback run of the real Pipeline needs.
/// </summary>
internal sealed class DeployWorld : IAsyncDisposable
{
    public const string Manifest = "deploy/applications/todo-api/kustomization.yaml";

    private readonly TempRoot _root;
    private readonly string _home;

    private DeployWorld(TempRoot root, RegistryServer registry, string remote, string home) => (_root, Registry, Remote, _home) = (root, registry, remote, home);

    public RegistryServer Registry { get; }

    /// <summary>The bare GitOps repository deploys commit to.</summary>
    public string Remote { get; }

    public string Root => _root.Path;

    /// <summary>The environment of a run: no cluster unless <paramref name="kubeconfig"/> names one, and no user's kubeconfig.</summary>
    public Dictionary<string, string> Environment(string? kubeconfig = null) => new() { ["KUBECONFIG"] = kubeconfig ?? "", ["HOME"] = _home };

    /// <summary>
    /// Makes the world: <paramref name="customize"/> edits the copy before it is committed (e.g. a service's strategy);
    /// with <paramref name="username"/> the registry requires Basic auth; <paramref name="remote"/> says where the bare
    /// GitOps remote goes (e.g. under a git HTTP server's root), by default inside the world.
    /// </summary>
    public static async Task<DeployWorld> CreateAsync(Action<TempRoot>? customize = null, string? username = null, string? password = null, string? remote = null)
    {
        var root = new TempRoot().CopySamplePlatform();
        customize?.Invoke(root);
        var registry = await RegistryServer.StartAsync(username, password);
        Git(root.Path, "init", "--quiet", "--initial-branch=main");
        Git(root.Path, "add", "-A");
        Git(root.Path, "commit", "--quiet", "-m", "Sample platform");
        remote ??= Path.Combine(root.Path, ".nuke", "temp", "remote.git");
        Git(root.Path, "clone", "--quiet", "--bare", root.Path, remote);
        return new DeployWorld(root, registry, remote, Directory.CreateDirectory(Path.Combine(root.Path, ".nuke", "temp", "home")).FullName);
    }

    /// <summary>The common arguments of a deploy against this world (no tests, no image build: the images are put in the registry).</summary>
    public string[] DeployArgs(string tag, params string[] more) =>
        ["Deploy", "--service", "todo-api", "--skip", "Test", "Build", "Push", "--image-tag", tag, .. Common, .. more];

    /// <summary>Where the registry and the GitOps repository are, and no local sandbox.</summary>
    public string[] Common => ["--registry", $"{Registry.Host}/todo", "--gitops-repository", Remote, "--use-sandbox", "false"];

    public string GitRemote(params string[] args) => Git(Root, ["--git-dir", Remote, .. args]);

    public static string Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git", ["-c", "user.name=t", "-c", "user.email=t@t", .. args])
        { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        _root.Dispose();
    }
}
