using k8s;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

// The deploy lock and Argo CD: parameters, and the factories the Deploy target calls. No plumbing here: the
// components in Shipyard.Delivery do the work; this maps parameters (and the CI environment) onto their settings.
partial class Pipeline
{
    [Parameter("Argo CD server URL, e.g. https://argocd.example.com; unset: the sync-and-wait is skipped")]
    readonly string? ArgocdServer = null;

    [Parameter("Argo CD API token (bearer) of an account allowed to get and sync the applications"), Secret]
    readonly string? ArgocdToken = null;

    [Parameter("How long to wait for the pushed GitOps commit to be synced and healthy in Argo CD")]
    readonly TimeSpan ArgocdTimeout = TimeSpan.FromMinutes(10);

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
        var kind = DeployLock.Trim().ToLowerInvariant();
        return DeployLocks.Create(new DeployLockSettings
        {
            Kind = kind,
            Lock = new LockOptions { Holder = LockHolder(), Ttl = LockTtl, AcquireTimeout = LockTimeout },
            Kubernetes = kind == "lease" ? KubernetesConfiguration() : null,
            LeaseNamespace = LockNamespace,
            GitRemote = gitOpsRepository,
            GitToken = gitOpsToken,
            GitHubApiUrl = new Uri(GithubApiUrl.TrimEnd('/') + "/"),
            GitHubRepository = GithubRepository,
            GitHubToken = GithubToken,
            GitHubVariable = LockVariable,
        }, new ProcessRunner(context.Output, s => s), Time, context.Output); // context.Output masks secrets
    }

    /// <summary>Argo CD's sync-and-wait, or a component that skips it with the reason when no server is configured.</summary>
    IArgoCd CreateArgoCd(TargetContext context) => ArgoCds.Create(ArgocdServer, ArgocdToken, ArgocdTimeout, Time, context.Output);

    /// <summary>
    /// Who holds the lock: the CI run (the seed wrote <c>&lt;app&gt;-&lt;run-id&gt;</c>; the app is the lock key), with the
    /// attempt when re-run, else this machine and process.
    /// </summary>
    string LockHolder()
    {
        if (Environment.TryGetValue("GITHUB_RUN_ID", out var run) && run.Length > 0)
            return Environment.TryGetValue("GITHUB_RUN_ATTEMPT", out var attempt) && attempt is { Length: > 0 } and not "1" ? $"{run}-{attempt}" : run;
        return $"local-{System.Environment.MachineName.ToLowerInvariant()}-{System.Environment.ProcessId}";
    }

    /// <summary>The cluster for the Lease lock: KUBECONFIG's first file, else ~/.kube/config, else in-cluster; null when none.</summary>
    KubernetesClientConfiguration? KubernetesConfiguration()
    {
        if (Environment.TryGetValue("KUBECONFIG", out var paths) && paths.Split(Path.PathSeparator).FirstOrDefault(p => p.Length > 0) is { } file)
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(file);
        var home = Environment.TryGetValue("HOME", out var h) ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var fallback = Path.Combine(home, ".kube", "config");
        if (File.Exists(fallback)) return KubernetesClientConfiguration.BuildConfigFromConfigFile(fallback);
        return KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig() : null;
    }
}
