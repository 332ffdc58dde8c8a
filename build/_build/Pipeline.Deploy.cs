using System.Collections.Concurrent;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Engine;
using CatalogService = Shipyard.Delivery.Catalog.Service;

partial class Pipeline
{
    [Parameter("GitOps repository (clone URL or local path) the deploy commits go to; default: this repository's origin")]
    readonly string? GitopsRepository;

    [Parameter("Branch of the GitOps repository")]
    readonly string GitopsBranch = "main";

    [Parameter("Token for an HTTPS GitOps repository (sent as the password of x-access-token; never in URLs or git config)"), Secret]
    readonly string? GitopsToken;

    [Parameter("Author and committer of deploy commits, 'Name <email>'; default github-actions[bot]")]
    readonly string? GitopsAuthor;

    [Parameter("Image tag to deploy; default: the short SHA of the commit being built")]
    readonly string? ImageTag;

    /// <summary>What each service's deploy did: the input of Verify and Rollback.</summary>
    readonly ConcurrentDictionary<string, DeployResult> DeployResults = new();

    // One repository writer per run: the parallel per-service deploys group their commits into one push.
    IGitOpsRepository? _gitOpsRepository;
    string? _gitOpsUrl;
    readonly Lock _gitOpsGate = new();

    Target Deploy => _ => _
        .Description("Deploys the pushed image with the service's strategy (GitOps commit + Argo CD sync, or SSM)")
        .DependsOn(Push)
        .Triggers(Verify)
        .Requires(() => DeployInputsAreValid())
        .ExecutesForEach(() => DeployServices, s => s.Name, DeployServiceAsync);

    async Task DeployServiceAsync(CatalogService service, TargetContext context)
    {
        if (service.Strategy == DeployStrategy.Ssm)
            throw new BuildFailedException($"SSM deploy is not implemented yet: {service.Name} has 'deploy: strategy: ssm'; deploy it with the seed's script for now.");

        var result = await GitOpsStrategy(context).DeployAsync(service, DeployImageOf(service), Version, context.CancellationToken);
        DeployResults[service.Name] = result;

        context.Fact("image", result.Image.ToString());
        if (result.Commit is not null) context.Fact("gitops-commit", result.Commit);
        if (result.Previous is not null) context.Fact("previous", result.Previous.ToString());
        Host.SetOutput($"{service.Name}-gitops-commit", result.Commit ?? "");
        context.Note(result.Note);
    }

    ImageReference ImageOf(CatalogService service) => new(Registry, service.ImageRepository, ImageTag ?? Version.ShortSha);

    /// <summary>
    /// What Deploy writes: <c>--image-tag</c>; else the image Push pushed in this run; else (Push skipped, or only the
    /// manifest changed) the image the manifest already names, so the deploy re-syncs it instead of naming an image
    /// that was never built.
    /// </summary>
    ImageReference DeployImageOf(CatalogService service)
    {
        if (ImageTag is not null) return ImageOf(service);
        if (PushedImages.TryGetValue(service.Name, out var pushed)) return pushed.Image with { Digest = null };
        var manifest = Path.Combine(RootDirectory, service.Manifest.Path);
        var current = File.Exists(manifest) ? Shipyard.Delivery.Changes.DeployedCommitReader.TagOf(service, File.ReadAllText(manifest)) : null;
        return current is not null
            ? ImageOf(service) with { Tag = current }
            : throw new BuildFailedException($"No image to deploy for {service.Name}: Push did not run for it and {service.Manifest.Path} names no tag here. Run Push, or give --image-tag.");
    }

    // Evaluated before the first target of the plan runs, only when Deploy is planned: a bad tag, an unreachable
    // repository, a wrong token or a manifest that cannot be edited stops the run with one line and exit code 2.
    bool DeployInputsAreValid()
    {
        var gitOps = DeployServices.Where(s => s.Strategy == DeployStrategy.GitOps).Select(s => (s, ImageOf(s))).ToList();
        if (gitOps.Count == 0) return true;
        var strategy = SandboxWillCreateGitOpsRemote()
            // The Sandbox target makes its remote as a bare clone of this repository, after this check: until then the
            // repository itself holds the same manifests, so the same edits are checked against it.
            ? GitOpsRepositories.Strategy(CreateGitOpsRepository(RootDirectory), new NoDeployLock(Log), null, new GitOpsDeploySettings(), Log)
            : GitOpsStrategy(null);
        strategy.ValidateAsync(gitOps, CancellationToken.None).GetAwaiter().GetResult();
        return true;
    }

    bool SandboxWillCreateGitOpsRemote() =>
        SandboxEnabled && SandboxSettings().GitOpsRemote is { } remote && !Directory.Exists(Path.Combine(remote, "refs"));

    /// <summary>
    /// The GitOps strategy for one fan-out item: the run's shared repository writer, with the deploy lock and Argo CD
    /// chosen by --deploy-lock / --argocd-server (Pipeline.ArgoCd.cs), writing to the item's output. Without a context
    /// (input validation) neither is needed.
    /// </summary>
    IDeployStrategy GitOpsStrategy(TargetContext? context)
    {
        var repository = SharedGitOpsRepository();
        var deployLock = context is null ? new NoDeployLock(Log) : CreateDeployLock(context, _gitOpsUrl, GitopsToken);
        var argoCd = context is null ? null : CreateArgoCd(context);
        var settings = new GitOpsDeploySettings { CiRun = CiRun() };
        return GitOpsRepositories.Strategy(repository, deployLock, argoCd, settings, context?.Output ?? Log);
    }

    IGitOpsRepository SharedGitOpsRepository()
    {
        lock (_gitOpsGate)
        {
            if (_gitOpsRepository is not null) return _gitOpsRepository;
            _gitOpsUrl = string.IsNullOrWhiteSpace(GitopsRepository) ? GitOpsRepositories.OriginOf(RootDirectory) : ResolvePath(GitopsRepository);
            return _gitOpsRepository = CreateGitOpsRepository(_gitOpsUrl);
        }
    }

    IGitOpsRepository CreateGitOpsRepository(string url) =>
        GitOpsRepositories.Create(new GitOpsRepositorySettings
        {
            Url = url,
            Branch = GitopsBranch,
            Token = GitopsToken,
            Identity = GitOpsRepositories.Identity(GitopsAuthor),
            WorkRoot = Directory.CreateDirectory(Path.Combine(RootDirectory, ".nuke", "temp", "gitops")).FullName,
        }, Log, Time);

    // A relative path names a local repository relative to the repository root, not to the current folder.
    string ResolvePath(string repository) =>
        repository.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(repository) ? repository : Path.GetFullPath(Path.Combine(RootDirectory, repository));

    /// <summary>The CI run URL for the commit trailer (GitHub Actions), or null locally.</summary>
    string? CiRun() =>
        Environment.TryGetValue("GITHUB_RUN_ID", out var run) && run.Length > 0
            ? $"{Environment.GetValueOrDefault("GITHUB_SERVER_URL", "https://github.com")}/{Environment.GetValueOrDefault("GITHUB_REPOSITORY", "")}/actions/runs/{run}"
            : null;
}
