using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Registry;
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

    [Parameter("Image tag to deploy (resolved to its digest in the registry); default: the immutable tag of the service's tag scheme pushed in this run")]
    readonly string? ImageTag;

    // One repository writer per run: the parallel per-service deploys group their commits into one push.
    IGitOpsRepository? _gitOpsRepository;
    string? _gitOpsUrl;
    readonly Lock _gitOpsGate = new();

    Target Deploy => _ => _
        .Description("Deploys the pushed image, pinned by digest, with the service's strategy (GitOps commit + Argo CD sync, or SSM)")
        .DependsOn(Push)
        .Triggers(Verify)
        .Requires(() => DeployInputsAreValid())
        .ExecutesForEach(() => DeployServices, s => s.Name, DeployServiceAsync);

    async Task DeployServiceAsync(CatalogService service, TargetContext context)
    {
        var strategy = Strategies(context).For(service);
        var pushed = Ledger[service.Name].Pushed;
        var started = Time.GetUtcNow();
        var image = PlannedImage(service);
        try
        {
            image = await DeployImages(context).ResolveAsync(image, ImageTag is not null,
                pushed?.Image, pushed?.Tags ?? [], ct => strategy.DeployedImageAsync(service, ct), context.CancellationToken);
            var receipt = await strategy.DeployAsync(new DeployRequest(service, image, Version), context.CancellationToken);
            await RecordAsync(context, service.Name, Deployed(StageStatus.Succeeded, receipt.Note, started, image, strategy, receipt));
        }
        catch (Exception e) when (e is not UsageException)
        {
            // A deploy that failed after changing something keeps its receipt: Rollback undoes exactly that change.
            var changed = (e as DeployFailedException)?.Changed ?? (e as DeployInterruptedException)?.Changed;
            await RecordAsync(context, service.Name, Deployed(StageStatus.Failed, e.Message, started, image, strategy, changed) with { Interrupted = e is DeployInterruptedException });
            throw;
        }
    }

    DeployedEntry Deployed(StageStatus status, string note, DateTimeOffset started, ImageReference image, IDeployStrategy strategy, DeployReceipt? receipt) =>
        new() { Status = status, Note = note, Started = started, Duration = Time.GetUtcNow() - started, Image = image, Strategy = strategy.Name, Receipt = receipt };

    /// <summary>The reference a deploy of <paramref name="service"/> names, known before anything runs (digest resolved later).</summary>
    ImageReference PlannedImage(CatalogService service) =>
        Shipyard.Delivery.Deploy.DeployImages.Planned(service, Registry,
            Shipyard.Delivery.Images.Tags.TagScheme.Parse(service.TagScheme ?? TagScheme, "tag scheme").TagsFor(Version, service.Name), ImageTag, Version);

    DeployImages DeployImages(TargetContext context)
    {
        var server = Registries.Split(Registry).Server;
        return new DeployImages(async (image, ct) =>
        {
            var credentials = await RegistryLogin.ResolveAsync(server, RegistryUsername, RegistryPassword,
                RegistryLogin.DockerConfigPath(Environment), Runner(context), AddSecret, ct);
            return await Registries.Create(server, credentials, Time).GetDigestAsync(RepositoryPath(image), image.Tag, ct);
        });
    }

    // The repository path inside the registry: the namespace of --registry, then the service's repository.
    string RepositoryPath(ImageReference image)
    {
        var ns = Registries.Split(Registry).Namespace;
        return ns.Length == 0 ? image.Repository : $"{ns}/{image.Repository}";
    }

    // Evaluated before the first target of the plan runs, only when Deploy is planned: a bad tag, an unreachable
    // repository, a wrong token or a manifest that cannot be edited stops the run with one line and exit code 2.
    bool DeployInputsAreValid()
    {
        var deploys = DeployServices.Select(s => new DeployRequest(s, PlannedImage(s), Version)).ToList();
        if (deploys.Count == 0) return true;
        var strategies = SandboxWillCreateGitOpsRemote()
            // The Sandbox target makes its remote as a bare clone of this repository, after this check: until then the
            // repository itself holds the same manifests, so the same edits are checked against it.
            ? new DeployStrategies(new Dictionary<DeployStrategy, Func<CatalogService, IDeployStrategy>>
            {
                [DeployStrategy.GitOps] = _ => GitOpsRepositories.Strategy(CreateGitOpsRepository(RootDirectory), DeployLocks.None(Log), null, new GitOpsDeploySettings(), Log),
                [DeployStrategy.Ssm] = s => SsmStrategy(s, Log),
            })
            : Strategies(null);
        Task.Run(() => strategies.ValidateAsync(deploys, CancellationToken.None)).GetAwaiter().GetResult();
        return true;
    }

    bool SandboxWillCreateGitOpsRemote() =>
        SandboxEnabled && SandboxSettings().GitOpsRemote is { } remote && !Directory.Exists(Path.Combine(remote, "refs"));

    /// <summary>
    /// The run's deploy strategies, writing to the fan-out item's output: GitOps over the run's shared repository writer
    /// with the deploy lock and Argo CD of the parameters. Without a context (input validation) neither is needed.
    /// </summary>
    DeployStrategies Strategies(TargetContext? context) => new(new Dictionary<DeployStrategy, Func<CatalogService, IDeployStrategy>>
    {
        [DeployStrategy.Ssm] = s => SsmStrategy(s, context?.Output ?? Log),
        [DeployStrategy.GitOps] = _ => GitOpsRepositories.Strategy(SharedGitOpsRepository(),
            context is null ? DeployLocks.None(Log) : CreateDeployLock(context, _gitOpsUrl, GitopsToken),
            context is null ? null : CreateArgoCd(context),
            new GitOpsDeploySettings { CiRun = CiRun?.RunUrl, Interrupt = Interrupted }, context?.Output ?? Log),
    });

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
            ToolTimes = ToolTimes,
        }, Log, Time);

    // A relative path names a local repository relative to the repository root, not to the current folder.
    string ResolvePath(string repository) =>
        repository.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(repository) ? repository : Path.GetFullPath(Path.Combine(RootDirectory, repository));
}
