using k8s;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Locks;

/// <summary>Builds the configured <see cref="IDeployLock"/>; bad or missing settings are a one-line <see cref="UsageException"/>.</summary>
public static class DeployLocks
{
    /// <summary>Validates <paramref name="settings"/> and builds the lock.</summary>
    public static IDeployLock Create(DeployLockSettings settings, ProcessRunner runner, TimeProvider time, TextWriter log)
    {
        if (settings.Lock.Ttl <= TimeSpan.Zero) throw new UsageException($"--lock-ttl must be positive, got {settings.Lock.Ttl}");
        return settings.Kind switch
        {
            "none" => new NoDeployLock(log),
            "lease" => new DeployLock(new LeaseLockStore(
                new Kubernetes(settings.Kubernetes ?? throw new UsageException(
                    "--deploy-lock lease needs a cluster: set KUBECONFIG (or ~/.kube/config), or run inside the cluster")),
                settings.LeaseNamespace), settings.Lock, time, log),
            "git-ref" => new DeployLock(new GitRefLockStore(runner,
                settings.GitRemote ?? throw new UsageException("--deploy-lock git-ref needs the GitOps repository (--gitops-repository)"),
                settings.GitToken), settings.Lock, time, log),
            "github-variable" => new DeployLock(new GitHubVariableLockStore(new HttpClient(), settings.GitHubApiUrl,
                settings.GitHubRepository ?? throw new UsageException("--deploy-lock github-variable needs --github-repository (or GITHUB_REPOSITORY)"),
                settings.GitHubToken ?? throw new UsageException("--deploy-lock github-variable needs --github-token (or GITHUB_TOKEN)"),
                settings.GitHubVariable, settings.Lock.Ttl, settings.GitHubVerifyDelay, time), settings.Lock, time, log),
            _ => throw new UsageException($"--deploy-lock does not accept '{settings.Kind}'. Allowed: {string.Join(", ", DeployLockSettings.Kinds)}"),
        };
    }
}
