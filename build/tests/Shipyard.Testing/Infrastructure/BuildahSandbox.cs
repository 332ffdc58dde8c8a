using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Images.Builders;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// A private buildah image store plus a temp repository root holding one service folder whose Dockerfile takes
/// its base from <c>ARG RUNTIME_IMAGE</c>. <see cref="PushBaseAsync"/> builds a tiny busybox base
/// (<c>FROM scratch</c> + <c>/bin/busybox</c>, no pull from anywhere) and pushes it to a test registry.
/// </summary>
public sealed class BuildahSandbox : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("buildah-sandbox-").FullName;

    public BuildahSandbox()
    {
        RegistryServer.Require("buildah", "apt-get install -y buildah runc (not crun)");
        var busybox = File.Exists("/bin/busybox") ? "/bin/busybox"
            : throw new InvalidOperationException("/bin/busybox is missing: apt-get install -y busybox-static");
        Log = new StringWriter();
        Runner = new ProcessRunner(TextWriter.Synchronized(Log), s => s);
        Builder = new BuildahBuilder(Runner, storageRoot: Path.Combine(_dir, "storage"));

        Directory.CreateDirectory(Path.Combine(_dir, "base"));
        File.Copy(busybox, Path.Combine(_dir, "base", "busybox"));
        File.WriteAllText(Path.Combine(_dir, "base", "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"true\"]\n");

        var service = Path.Combine(Root, "services", "todo-api");
        Directory.CreateDirectory(service);
        File.WriteAllText(Path.Combine(service, "Dockerfile"),
            "ARG RUNTIME_IMAGE\nFROM ${RUNTIME_IMAGE}\nCOPY .publish/ /app/\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo built > /app/built.txt\"]\n");
    }

    public StringWriter Log { get; }

    public ProcessRunner Runner { get; }

    internal BuildahBuilder Builder { get; }

    /// <summary>The repository root of the sandbox (contains <c>services/todo-api</c>).</summary>
    public string Root => Path.Combine(_dir, "repo");

    public Service Service { get; } = new()
    {
        Name = "todo-api",
        Directory = "services/todo-api",
        ImageRepository = "todo-api",
        Dockerfile = "services/todo-api/Dockerfile",
        Context = "services/todo-api",
        // The prepare step produces what the Dockerfile copies, as dotnet publish would.
        PrepareCommand = "mkdir -p .publish && echo hello > .publish/app.txt",
        Manifest = new GitOpsManifest { Path = "deploy/todo-api", ImageName = "todo-api", Application = "todo-api" },
        Workload = new KubernetesWorkload { Deployment = "todo-api", Container = "todo-api" },
    };

    /// <summary>Builds the busybox base and pushes it as <c>&lt;registry&gt;/base:1</c>; returns that reference.</summary>
    public async Task<string> PushBaseAsync(string registry, CancellationToken cancellationToken, Shipyard.Delivery.Registry.RegistryCredentials? credentials = null)
    {
        var image = $"{registry}/base:1";
        await Builder.BuildAsync(new ImageBuildRequest(image, Path.Combine(_dir, "base", "Dockerfile"), Path.Combine(_dir, "base")), cancellationToken);
        await Builder.PushAsync(image, credentials, cancellationToken);
        return image;
    }

    public void Dispose()
    {
        var storage = Path.Combine(_dir, "storage");
        if (Directory.Exists(storage))
            Runner.RunAsync("buildah", ["--root", Path.Combine(storage, "root"), "--runroot", Path.Combine(storage, "run"), "rmi", "--all", "--force"],
                new ProcessOptions { Check = false, Echo = false }).GetAwaiter().GetResult();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
