using k8s;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Locks;

/// <summary>Builds the configured <see cref="IDeployLock"/>; bad or missing settings are a one-line <see cref="UsageException"/>.</summary>
public static class DeployLocks
{
    /// <summary>No lock (a single runner, or CI's own queueing): acquiring always succeeds and says so once.</summary>
    public static IDeployLock None(TextWriter log) => new NoDeployLock(log);

    /// <summary>Validates <paramref name="settings"/> and builds the lock.</summary>
    public static IDeployLock Create(DeployLockSettings settings, ProcessRunner runner, TimeProvider time, TextWriter log)
    {
        return Validate(settings) switch
        {
            "none" => new NoDeployLock(log),
            "lease" => new DeployLock(new LeaseLockStore(new Kubernetes(settings.Kubernetes!), settings.LeaseNamespace), settings.Lock, time, log),
            "git-ref" => new DeployLock(new GitRefLockStore(runner, settings.GitRemote!, settings.GitToken, settings.ScratchRoot), settings.Lock, time, log),
            _ => new DeployLock(new GitHubVariableLockStore(new HttpClient(), settings.GitHubApiUrl, settings.GitHubRepository!, settings.GitHubToken!,
                settings.GitHubVariable, settings.Lock.Ttl, settings.GitHubVerifyDelay, time), settings.Lock, time, log),
        };
    }

    /// <summary>
    /// Every check of <see cref="Create"/> without building the lock or touching its store (the validation phase runs
    /// it before the first target): the kind, the TTL, and the settings the kind needs.
    /// </summary>
    /// <returns>The kind, normalised.</returns>
    /// <exception cref="UsageException">One line naming what is wrong or missing.</exception>
    public static string Validate(DeployLockSettings settings)
    {
        ValidateTtl(settings.Lock.Ttl, "--lock-ttl");
        var kind = ValidateKind(settings.Kind, "--deploy-lock");
        switch (kind)
        {
            case "lease" when settings.Kubernetes is null:
                throw new UsageException("--deploy-lock lease needs a cluster: set KUBECONFIG (or ~/.kube/config), or run inside the cluster");
            case "git-ref" when settings.GitRemote is null:
                throw new UsageException("--deploy-lock git-ref needs the GitOps repository (--gitops-repository)");
            case "github-variable" when string.IsNullOrEmpty(settings.GitHubRepository):
                throw new UsageException("--deploy-lock github-variable needs --github-repository (or GITHUB_REPOSITORY)");
            case "github-variable" when string.IsNullOrEmpty(settings.GitHubToken):
                throw new UsageException("--deploy-lock github-variable needs --github-token (or GITHUB_TOKEN)");
        }
        return kind;
    }

    /// <summary>The lock kind, trimmed and lower-cased; one of <see cref="DeployLockSettings.Kinds"/>.</summary>
    /// <param name="kind">The kind as configured.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="UsageException">An unknown kind (the message lists the kinds).</exception>
    public static string ValidateKind(string? kind, string setting = "The deploy lock kind")
    {
        var normalized = (kind ?? "").Trim().ToLowerInvariant();
        return DeployLockSettings.Kinds.Contains(normalized)
            ? normalized
            : throw new UsageException($"{setting} does not accept '{UsageException.Escape(kind ?? "")}'. Allowed: {string.Join(", ", DeployLockSettings.Kinds)}");
    }

    /// <summary>How long a lock outlives a dead holder: must be positive (renewals run every third of it).</summary>
    /// <param name="ttl">The TTL as configured.</param>
    /// <param name="setting">How the caller names the setting in the message.</param>
    /// <exception cref="UsageException">Zero or negative.</exception>
    public static TimeSpan ValidateTtl(TimeSpan ttl, string setting = "The deploy lock TTL") =>
        ttl > TimeSpan.Zero ? ttl : throw new UsageException($"{setting} must be positive, got {ttl}");
}
