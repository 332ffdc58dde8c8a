using System.Net.Http;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Sandbox;

/// <summary>
/// The local stand-in for CI's infrastructure, so <c>./build.sh Deploy --service todo-api</c> runs end to end on a
/// developer machine: a registry on a loopback port, a bare GitOps remote cloned from this repository, and a small
/// runtime base image (busybox) for Dockerfiles whose base images cannot be pulled offline. Every step is idempotent.
/// </summary>
public sealed class LocalSandbox(SandboxSettings settings, ProcessRunner runner, HttpClient http)
{
    /// <summary>Starts what is missing and returns one line per part for the summary.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.StateDirectory);
        List<string> parts = [await EnsureRegistryAsync(cancellationToken)];
        if (settings.GitOpsRemote is { } remote) parts.Add(await EnsureGitOpsRemoteAsync(remote, cancellationToken));
        if (settings.RuntimeImage is { } image && IsLocal(settings.Registry)) parts.Add(await EnsureRuntimeImageAsync(image, cancellationToken));
        return parts;
    }

    private async Task<string> EnsureRegistryAsync(CancellationToken cancellationToken)
    {
        // The sandbox stands in only for what points at this machine: a registry elsewhere is the user's own.
        if (!IsLocal(settings.Registry)) return $"registry {settings.Registry} is not local: left alone";
        if (await RegistryAnswersAsync(cancellationToken)) return $"registry {settings.Address} already running";
        if (!OnPath("docker-registry"))
            throw new BuildFailedException("The sandbox needs the 'docker-registry' program (Debian: apt-get install docker-registry), or run a registry yourself at " + settings.Address + ".");

        var config = Path.Combine(settings.StateDirectory, "registry.yml");
        var storage = Path.Combine(settings.StateDirectory, "registry");
        var address = settings.Address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\nhttp:\n  addr: {address}\n",
            cancellationToken);
        var logFile = Path.Combine(settings.StateDirectory, "registry.log");
        // Detached so the registry outlives this build and serves the next one; its pid is kept for stopping it.
        var started = await runner.RunAsync("sh", ["-c", $"nohup docker-registry serve '{config}' >'{logFile}' 2>&1 & echo $!"],
            new ProcessOptions { Echo = false }, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(settings.StateDirectory, "registry.pid"), started.StandardOutput.Trim(), cancellationToken);

        for (var i = 0; i < 50; i++)
        {
            if (await RegistryAnswersAsync(cancellationToken)) return $"registry started at {settings.Address} (pid {started.StandardOutput.Trim()})";
            await Task.Delay(100, cancellationToken);
        }
        throw new BuildFailedException($"The sandbox registry did not answer at {settings.Address} within 5 s; see {logFile}.");
    }

    private async Task<string> EnsureGitOpsRemoteAsync(string remote, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(remote, "refs"))) return $"GitOps remote {Relative(remote)} exists";
        var git = Path.Combine(settings.RootDirectory, ".git");
        if (!Directory.Exists(git) && !File.Exists(git)) // a file in a linked worktree (git worktree add)
            throw new BuildFailedException("The sandbox clones its GitOps remote from this repository, but the root is not a git repository.");
        await runner.RunAsync("git", ["clone", "--quiet", "--bare", "--no-local", settings.RootDirectory, remote],
            new ProcessOptions(), cancellationToken);
        return $"GitOps remote {Relative(remote)} created from this repository";
    }

    private async Task<string> EnsureRuntimeImageAsync(string image, CancellationToken cancellationToken)
    {
        var (repository, tag) = SplitImage(image);
        using (var request = new HttpRequestMessage(HttpMethod.Head, $"http://{settings.Address}/v2/{repository}/manifests/{tag}"))
        {
            // Without these the registry answers 404 for manifests it cannot convert (OCI ones, as buildah pushes).
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
            request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return $"runtime base {image} present";
        }
        if (!OnPath("buildah"))
            throw new BuildFailedException("The sandbox builds its runtime base image with buildah (Debian: apt-get install buildah busybox-static runc).");
        const string busybox = "/bin/busybox";
        if (!File.Exists(busybox))
            throw new BuildFailedException("The sandbox's runtime base image needs /bin/busybox (Debian: apt-get install busybox-static).");

        var context = Path.Combine(settings.StateDirectory, "runtime-base");
        Directory.CreateDirectory(context);
        File.Copy(busybox, Path.Combine(context, "busybox"), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(context, "Containerfile"),
            "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n", cancellationToken);
        await runner.RunAsync("buildah", ["bud", "--quiet", "--isolation", "chroot", "-f", "Containerfile", "-t", image, "."],
            new ProcessOptions { WorkingDirectory = context }, cancellationToken);
        await runner.RunAsync("buildah", ["push", "--quiet", "--tls-verify=false", image, $"docker://{image}"],
            new ProcessOptions(), cancellationToken);
        return $"runtime base {image} built from busybox and pushed";
    }

    private async Task<bool> RegistryAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"http://{settings.Address}/v2/", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static (string Repository, string Tag) SplitImage(string image)
    {
        var withoutRegistry = image[(image.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var colon = withoutRegistry.LastIndexOf(':');
        return colon < 0 ? (withoutRegistry, "latest") : (withoutRegistry[..colon], withoutRegistry[(colon + 1)..]);
    }

    private static bool IsLocal(string registry) => registry.Split(':', '/')[0] is "127.0.0.1" or "localhost";

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private string Relative(string path) => Path.GetRelativePath(settings.RootDirectory, path);
}
