using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Images.Tags;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Registry;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

// The validation phase: after planning, before the first target. Every component the plan will use checks its settings
// here, through its own static validator, so bad input ends the run with one line and exit code 2 having run and
// changed nothing. Only what the planned (not skipped) targets use is checked: a bad Argo CD URL does not stop a Test run.
// Nothing here reaches the network; checks that must (the GitOps repository) stay with Deploy's requirement.
partial class Pipeline
{
    protected override void OnValidating(IReadOnlyList<string> plannedTargets)
    {
        base.OnValidating(plannedTargets);
        bool Planned(string target) => plannedTargets.Contains(target);

        if (Planned(nameof(Build)) || Planned(nameof(Push)) || Planned(nameof(Deploy))) Registries.Validate(Registry, "--registry");
        if (Planned(nameof(Build)) || Planned(nameof(Push))) ValidateImageInputs();
        if (Planned(nameof(Push))) RegistryLogin.ValidatePair(RegistryUsername, RegistryPassword);
        if (Planned(nameof(Benchmark)) || Planned(nameof(BenchmarkChanges))) SelectedBenchmarks();
        if (Planned(nameof(Reliability))) SelectedReliabilityKinds();
        if (Planned(nameof(Bump)) && SelectedServices.Count > 0) ServiceReleaser.ValidateRemote(RootDirectory, GitRemote, "--git-remote");
        // Build, Push and Deploy detect changes themselves when no --service narrows them.
        if (Planned(nameof(Changes)) || (ServiceNames.Length == 0 && (Planned(nameof(Build)) || Planned(nameof(Push)) || Planned(nameof(Deploy)))))
            ValidateChangeInputs();
        if (Planned(nameof(Deploy))) ValidateDeployInputs();
        // A bad --kube-context or an unreadable kubeconfig is bad input, not a Verify failure.
        if (Planned(nameof(Verify)) || Planned(nameof(Rollback))) _ = Cluster;
        if (Planned(nameof(Rollback)) && To is not null) OciTag.ValidateSetting(To, "--to");
    }

    // Blank means unset; anything else must be an absolute http(s) URL with a host (it becomes an HttpClient base address).
    static void ValidateHttpUrl(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
            throw new UsageException($"{option} must be an http(s) URL, got '{UsageException.Escape(value)}'");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial System.Text.RegularExpressions.Regex OwnerAndName();

    void ValidateChangeInputs()
    {
        if (!string.IsNullOrWhiteSpace(Base)) ChangeDetection.ValidateRevision(RootDirectory, Base, "--base");
        if (Head != "HEAD") ChangeDetection.ValidateRevision(RootDirectory, Head, "--head");
    }

    /// <summary>The deploy lock, GitHub API and Argo CD settings, as Pipeline.ArgoCd.cs maps them onto the components.</summary>
    void ValidateDeployInputs()
    {
        if (ImageTag is not null) OciTag.ValidateSetting(ImageTag, "--image-tag");
        var apiUrl = GitHubApiUrl.Parse(GithubApiUrl, "--github-api-url");
        var kind = DeployLocks.ValidateKind(DeployLock, "--deploy-lock");
        DeployLocks.Validate(new DeployLockSettings
        {
            Kind = kind,
            Lock = new LockOptions { Holder = "validation", Ttl = LockTtl, AcquireTimeout = LockTimeout },
            Kubernetes = kind == "lease" ? Cluster.Configuration : null,
            LeaseNamespace = LockNamespace,
            // The git-ref lock lives in the GitOps repository, which Deploy always has (its origin by default); whether
            // it is reachable is Deploy's own requirement, checked against the repository itself.
            GitRemote = string.IsNullOrWhiteSpace(GitopsRepository) ? "origin" : GitopsRepository,
            GitHubApiUrl = apiUrl,
            GitHubRepository = GithubRepository,
            GitHubToken = GithubToken,
            GitHubVariable = LockVariable,
        });
        ArgoCds.ValidateServer(ArgocdServer, "--argocd-server");
        ValidateHttpUrl(AwsEndpointUrl, "--aws-endpoint-url");
        if (!string.IsNullOrEmpty(GithubRepository) && !OwnerAndName().IsMatch(GithubRepository))
            throw new UsageException($"--github-repository '{UsageException.Escape(GithubRepository)}' must be owner/name (letters, digits, '-', '_', '.')");
        ArgoCds.Validate(ArgocdServer, ArgocdToken, ArgocdTimeout);
    }
}
