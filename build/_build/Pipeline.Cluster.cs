using k8s;
using k8s.KubeConfigModels;
using Shipyard.Engine;

// The Kubernetes cluster (Verify, the Lease lock): found once per run from the session's environment.
partial class Pipeline
{
    [Parameter("kubeconfig context to use (default: the current context)")]
    readonly string? KubeContext = null;

    [Parameter("Fail Verify instead of skipping it when no cluster is configured (CI profiles that deploy to a cluster set it)")]
    readonly bool RequireCluster = false;

    (KubernetesClientConfiguration? Configuration, string Reason)? _cluster;

    /// <summary>The cluster, or null with the reason when none is configured.</summary>
    (KubernetesClientConfiguration? Configuration, string Reason) Cluster => _cluster ??= FindCluster();

    // KUBECONFIG's files (all of them, merged as kubectl does), else ~/.kube/config, else the in-cluster service account.
    (KubernetesClientConfiguration?, string) FindCluster()
    {
        var home = Environment.TryGetValue("HOME", out var h) ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var files = Environment.TryGetValue("KUBECONFIG", out var paths) && paths.Length > 0
            ? paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [Path.Combine(home, ".kube", "config")];
        var existing = files.Where(File.Exists).Select(f => new FileInfo(f)).ToArray();
        if (existing.Length > 0)
        {
            try
            {
                var config = Merge([.. existing.Select(f => KubernetesClientConfiguration.LoadKubeConfig(f, useRelativePaths: true))]);
                return (KubernetesClientConfiguration.BuildConfigFromConfigObject(config, KubeContext), "");
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or YamlDotNet.Core.YamlException)
            {
                throw new UsageException($"kubeconfig {string.Join(Path.PathSeparator, existing.Select(f => f.FullName))} cannot be used: {e.Message.ReplaceLineEndings(" ")}");
            }
        }
        if (KubernetesClientConfiguration.IsInCluster()) return (KubernetesClientConfiguration.InClusterConfig(), "");
        return (null, "no cluster configured (no kubeconfig file, not in a cluster)");
    }

    // kubectl's merge of several kubeconfig files: the first file that names an entry (or the current context) wins.
    static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> files) => new()
    {
        CurrentContext = files.Select(f => f.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
        Clusters = [.. files.SelectMany(f => f.Clusters ?? []).DistinctBy(c => c.Name)],
        Users = [.. files.SelectMany(f => f.Users ?? []).DistinctBy(u => u.Name)],
        Contexts = [.. files.SelectMany(f => f.Contexts ?? []).DistinctBy(c => c.Name)],
    };
}
