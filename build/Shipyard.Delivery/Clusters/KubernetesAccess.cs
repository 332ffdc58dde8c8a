using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Shipyard.Engine;

namespace Shipyard.Delivery.Clusters;

/// <summary>
/// Finds the cluster the way kubectl does, once per run: an explicit kubeconfig path, else the <c>KUBECONFIG</c>
/// list (merged, first occurrence of a name wins, missing files ignored as kubectl does), else <c>~/.kube/config</c>,
/// else the in-cluster service account. The environment comes in as a dictionary; nothing is read from the process.
/// </summary>
public static class KubernetesAccess
{
    /// <summary>The reason used when nothing is configured.</summary>
    public const string NoClusterReason = "no cluster configured (KUBECONFIG unset, no ~/.kube/config, not in a cluster)";

    private const string ServiceAccountFolder = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>
    /// Builds the configuration. <paramref name="context"/> selects a kubeconfig context (default: the file's
    /// current-context); <paramref name="kubeconfigPath"/> overrides the search. A missing context or an unreadable
    /// or malformed kubeconfig is a one-line <see cref="UsageException"/> naming the file and the available contexts.
    /// </summary>
    public static KubernetesCluster Resolve(IReadOnlyDictionary<string, string> environment, string? context = null, string? kubeconfigPath = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = KubeconfigFiles(environment, kubeconfigPath);
        if (files.Count > 0) return FromFiles(files, string.IsNullOrWhiteSpace(context) ? null : context);
        if (!string.IsNullOrWhiteSpace(context))
            throw new UsageException($"kube context '{context}' was asked for but there is no kubeconfig ({NoClusterReason})");
        if (InCluster(environment))
            return new KubernetesCluster(KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account", null);
        return new KubernetesCluster(null, "none", NoClusterReason);
    }

    private static List<string> KubeconfigFiles(IReadOnlyDictionary<string, string> environment, string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            if (!File.Exists(explicitPath)) throw new UsageException($"kubeconfig {Quote(explicitPath)} does not exist");
            return [explicitPath];
        }
        if (environment.TryGetValue("KUBECONFIG", out var list) && !string.IsNullOrWhiteSpace(list))
        {
            var named = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = named.Where(File.Exists).ToList();
            if (existing.Count == 0) throw new UsageException($"KUBECONFIG names no existing file ({string.Join(", ", named.Select(Quote))})");
            return existing;
        }
        var home = environment.TryGetValue("HOME", out var h) && h.Length > 0 ? h : environment.GetValueOrDefault("USERPROFILE", "");
        var fallback = home.Length == 0 ? "" : Path.Combine(home, ".kube", "config");
        return fallback.Length > 0 && File.Exists(fallback) ? [fallback] : [];
    }

    private static KubernetesCluster FromFiles(List<string> files, string? context)
    {
        var merged = Load(files[0]);
        foreach (var file in files.Skip(1)) Merge(merged, Load(file));
        var contexts = (merged.Contexts ?? []).Select(c => c.Name).ToList();
        var chosen = context ?? merged.CurrentContext;
        var where = string.Join(", ", files.Select(Quote));
        var available = contexts.Count == 0 ? "none" : string.Join(", ", contexts);
        if (string.IsNullOrEmpty(chosen))
            throw new UsageException($"kubeconfig {where} sets no current-context and none was chosen (available contexts: {available})");
        if (!contexts.Contains(chosen))
            throw new UsageException($"kube context '{chosen}' is not in kubeconfig {where} (available contexts: {available})");
        try
        {
            return new KubernetesCluster(KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, chosen),
                $"kubeconfig {where} (context {chosen})", null);
        }
        catch (KubeConfigException e)
        {
            throw new UsageException($"kubeconfig {where}, context '{chosen}': {OneLine(e.Message)}");
        }
    }

    private static K8SConfiguration Load(string file)
    {
        try
        {
            return KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KubeConfigException or YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            throw new UsageException($"kubeconfig {Quote(file)} cannot be read: {OneLine(e.InnerException?.Message ?? e.Message)}");
        }
    }

    // kubectl's merge: the first file to define a name (or current-context) wins.
    private static void Merge(K8SConfiguration into, K8SConfiguration from)
    {
        if (string.IsNullOrEmpty(into.CurrentContext)) into.CurrentContext = from.CurrentContext;
        into.Clusters = Union(into.Clusters, from.Clusters, c => c.Name);
        into.Users = Union(into.Users, from.Users, u => u.Name);
        into.Contexts = Union(into.Contexts, from.Contexts, c => c.Name);
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name) =>
        [.. (first ?? []).Concat(second ?? []).DistinctBy(name)];

    private static bool InCluster(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("KUBERNETES_SERVICE_HOST") is { Length: > 0 }
        && environment.GetValueOrDefault("KUBERNETES_SERVICE_PORT") is { Length: > 0 }
        && File.Exists(Path.Combine(ServiceAccountFolder, "token"));

    private static string Quote(string path) => $"'{path.Replace("'", "\\'", StringComparison.Ordinal)}'";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
