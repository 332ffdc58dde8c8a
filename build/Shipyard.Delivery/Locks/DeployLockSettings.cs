using k8s;

namespace Shipyard.Delivery.Locks;

/// <summary>Which deploy lock to use and where it lives; filled by the Pipeline from its parameters.</summary>
public sealed record DeployLockSettings
{
    /// <summary>The kinds <see cref="Kind"/> accepts.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["none", "lease", "git-ref", "github-variable"];

    /// <summary><c>none</c>, <c>lease</c>, <c>git-ref</c> or <c>github-variable</c>.</summary>
    public string Kind { get; init; } = "none";

    /// <summary>Holder, TTL, acquire timeout, retry pacing.</summary>
    public required LockOptions Lock { get; init; }

    /// <summary>Lease: the cluster (from a kubeconfig or in-cluster); null when none could be found.</summary>
    public KubernetesClientConfiguration? Kubernetes { get; init; }

    /// <summary>Lease: namespace of the Lease objects.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>git-ref: the GitOps repository (URL or path, no credentials in it).</summary>
    public string? GitRemote { get; init; }

    /// <summary>
    /// git-ref: where the lock's scratch repository (and the askpass helper of a token) are made while a lock is being
    /// acquired or held; they are deleted when it is released. Default: the system temp folder.
    /// </summary>
    public string? ScratchRoot { get; init; }

    /// <summary>git-ref: token for an HTTPS GitOps repository.</summary>
    public string? GitToken { get; init; }

    /// <summary>github-variable: the REST API root, e.g. <c>https://api.github.com</c>.</summary>
    public Uri GitHubApiUrl { get; init; } = new("https://api.github.com/");

    /// <summary>github-variable: <c>owner/name</c>.</summary>
    public string? GitHubRepository { get; init; }

    /// <summary>github-variable: token with <c>variables: write</c>.</summary>
    public string? GitHubToken { get; init; }

    /// <summary>github-variable: the variable (the seed's <c>ARGOCD_LOCK</c>).</summary>
    public string GitHubVariable { get; init; } = "ARGOCD_LOCK";

    /// <summary>github-variable: pause before the verify-after-write re-read.</summary>
    public TimeSpan GitHubVerifyDelay { get; init; } = TimeSpan.FromSeconds(2);
}
