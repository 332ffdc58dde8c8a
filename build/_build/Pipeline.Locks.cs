using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

// The deploy lock: parameters, and the factory the deploy strategies call.
partial class Pipeline
{
    [Parameter("Deploy lock: none | lease (Kubernetes Lease) | git-ref (refs/locks/<service> in the GitOps repository) | github-variable (the seed's ARGOCD_LOCK variable; racy)")]
    readonly string DeployLock = "none";

    [Parameter("Namespace of the deploy lock Leases (--deploy-lock lease)")]
    readonly string LockNamespace = "default";

    [Parameter("How long a deploy lock outlives its holder when that run dies (renewed every third of it while held)")]
    readonly TimeSpan LockTtl = TimeSpan.FromMinutes(2);

    [Parameter("How long to wait for a deploy lock held by another run")]
    readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    [Parameter("Repository variable used by --deploy-lock github-variable")]
    readonly string LockVariable = "ARGOCD_LOCK";

    [Parameter("GitHub token with 'variables: write' (--deploy-lock github-variable)"), Secret]
    readonly string? GithubToken = null;

    [Parameter("owner/name of the repository holding the lock variable; default GITHUB_REPOSITORY")]
    readonly string? GithubRepository = null;

    [Parameter("GitHub REST API root (GitHub Enterprise: https://host/api/v3)")]
    readonly string GithubApiUrl = "https://api.github.com";

    /// <summary>
    /// The deploy lock chosen by <c>--deploy-lock</c>. The git-ref lock lives in the GitOps repository, whose URL and
    /// token belong to the GitOps parameters: the Deploy wiring passes them in.
    /// </summary>
    IDeployLock CreateDeployLock(TargetContext context, string? gitOpsRepository, string? gitOpsToken)
    {
        var kind = DeployLocks.ValidateKind(DeployLock, "--deploy-lock");
        return DeployLocks.Create(new DeployLockSettings
        {
            Kind = kind,
            Lock = new LockOptions { Holder = LockHolder(), Ttl = LockTtl, AcquireTimeout = LockTimeout },
            Kubernetes = kind == "lease" ? Cluster.Configuration : null,
            LeaseNamespace = LockNamespace,
            GitRemote = gitOpsRepository,
            GitToken = gitOpsToken,
            GitHubApiUrl = GitHubApiUrl.Parse(GithubApiUrl, "--github-api-url"),
            GitHubRepository = GithubRepository ?? CiRun?.Repository,
            GitHubToken = GithubToken,
            GitHubVariable = LockVariable,
        }, ToolRunner(context.Output), Time, context.Output); // context.Output masks secrets
    }

    /// <summary>Who holds the lock: the CI run (with the attempt when re-run), else this machine and process.</summary>
    string LockHolder() => CiRun?.Holder ?? $"local-{System.Environment.MachineName.ToLowerInvariant()}-{System.Environment.ProcessId}";
}
