using System.Diagnostics;
using Build.Tests.Images;
using Build.Tests.Platform;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Build.Tests.Deploy;

/// <summary>
/// Everything the GitOps loop runs against, real where a real part exists here: the sample platform (its
/// <c>todo-api</c> prepared by a quick shell step instead of <c>dotnet publish</c>, built by buildah on a busybox base
/// in the real registry), the GitOps remote behind git over HTTP with basic auth, a fake Argo CD that renders that same
/// repository into the fake cluster (<see cref="ArgoCluster"/>), and a fake Slack.
/// </summary>
internal sealed class GitOpsLoopWorld : IAsyncDisposable
{
    // What the Dockerfile copies: the service's settings, so a commit that changes them builds another image.
    private const string ServiceYaml = """
        prepare: mkdir -p .publish && cp src/appsettings.json .publish/
        deploy:
          strategy: gitops
        """;

    private readonly string _baseContext;
    private string? _crashing;

    private GitOpsLoopWorld(GitHttpServer git, DeployWorld world, FakeSlackApi slack, string baseContext, string baseImage)
    {
        (Git, World, Slack, _baseContext, BaseImage) = (git, world, slack, baseContext, baseImage);
    }

    public GitHttpServer Git { get; }

    public DeployWorld World { get; }

    public ArgoCluster Cluster { get; private set; } = null!;

    public FakeSlackApi Slack { get; }

    /// <summary>The runtime image the service builds on (busybox, in the real registry).</summary>
    public string BaseImage { get; }

    public static async Task<GitOpsLoopWorld> StartAsync()
    {
        var git = await GitHttpServer.StartAsync();
        var world = await DeployWorld.CreateAsync(root => root.File("services/todo-api/service.yaml", ServiceYaml), remote: Path.Combine(git.RepositoryRoot, "gitops.git"));
        var context = Directory.CreateTempSubdirectory("gitops-loop-base-").FullName;
        var loop = new GitOpsLoopWorld(git, world, await FakeSlackApi.StartAsync(), context, PushRepository.PushBase(world.Registry.Host, context));
        loop.Cluster = await ArgoCluster.StartAsync(world.Remote, image => loop._crashing is { } tag && image.Contains($":{tag}@", StringComparison.Ordinal), autoSync: false);
        return loop;
    }

    /// <summary>From now on pods of images tagged <paramref name="tag"/> crash-loop.</summary>
    public void CrashLoops(string tag) => _crashing = tag;

    /// <summary>A deploy of <c>todo-api</c> at the source's HEAD: prepare, build and push for real, then the GitOps commit over HTTP and the Argo CD sync.</summary>
    public string[] DeployArgs =>
    [
        "Deploy", "--service", "todo-api", "--skip", "Test", "--builder", "buildah", "--build-arg", $"RUNTIME_IMAGE={BaseImage}",
        "--registry", $"{World.Registry.Host}/todo", "--gitops-repository", Git.UrlOf("gitops.git"), "--gitops-token", Git.Password,
        "--use-sandbox", "false", .. Cluster.ArgoArgs, "--slack-bot-token", Slack.Token, "--slack-api-url", Slack.ApiUrl.ToString(),
    ];

    /// <summary>Every secret of a run: none may appear in its output.</summary>
    public IEnumerable<string> Secrets => [Git.Password, Cluster.Argo.Token, Slack.Token];

    public Task<PipelineRun> RunAsync(string[] args) => PipelineRun.StartAsync(World.Root, World.Environment(Cluster.Kubeconfig), null, args);

    /// <summary>Commits a new <c>appsettings.json</c> of the service to the source repository; returns the image tag its build gets.</summary>
    public string CommitSettings(string json, string message)
    {
        File.WriteAllText(Path.Combine(World.Root, "services", "todo-api", "src", "appsettings.json"), json);
        DeployWorld.Git(World.Root, "commit", "--quiet", "-am", message);
        return HeadTag;
    }

    /// <summary>The immutable tag a build of the source's HEAD gets (the default scheme's 7 hex of the commit).</summary>
    public string HeadTag => DeployWorld.Git(World.Root, "rev-parse", "--short=7", "HEAD");

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Slack.DisposeAsync();
        RemoveImages($"{World.Registry.Host}/");
        await World.DisposeAsync();
        await Git.DisposeAsync();
        Directory.Delete(_baseContext, recursive: true);
    }

    // The images this world built stay in buildah's store otherwise; they are named after this world's registry.
    private static void RemoveImages(string prefix)
    {
        var names = Buildah("images", "--format", "{{.Name}}:{{.Tag}}").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ours = names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        if (ours.Length > 0) Buildah(["rmi", "--force", .. ours]);
    }

    private static string Buildah(params string[] args)
    {
        using var buildah = Process.Start(new ProcessStartInfo("buildah", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = buildah.StandardOutput.ReadToEnd();
        buildah.StandardError.ReadToEnd();
        buildah.WaitForExit();
        return output;
    }
}
