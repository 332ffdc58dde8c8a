using Shipyard.Delivery.Clusters;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>Finding the cluster as kubectl does, from temp kubeconfig files and an environment dictionary.</summary>
public sealed class KubernetesAccessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string file, string current, params (string Context, string Server)[] contexts)
    {
        var path = Path.Combine(_folder, file);
        File.WriteAllText(path, "apiVersion: v1\nkind: Config\n" + (current.Length > 0 ? $"current-context: {current}\n" : "") +
            "clusters:\n" + string.Concat(contexts.Select(c => $"- name: {c.Context}\n  cluster:\n    server: {c.Server}\n")) +
            "users:\n- name: u\n  user:\n    token: t\n" +
            "contexts:\n" + string.Concat(contexts.Select(c => $"- name: {c.Context}\n  context:\n    cluster: {c.Context}\n    user: u\n")));
        return path;
    }

    private Dictionary<string, string> Env(params string[] kubeconfigs) => new()
    {
        ["HOME"] = _folder,
        ["KUBECONFIG"] = string.Join(Path.PathSeparator, kubeconfigs),
    };

    [Fact]
    public void NothingConfiguredMeansNoClusterWithTheReason()
    {
        var cluster = KubernetesAccess.Resolve(new Dictionary<string, string> { ["HOME"] = _folder });

        cluster.Configuration.ShouldBeNull();
        cluster.SkipReason.ShouldBe("no cluster configured (KUBECONFIG unset, no ~/.kube/config, not in a cluster)");
    }

    [Fact]
    public void TheKubeconfigListIsMergedAndTheFirstFileWins()
    {
        var first = Write("a", "prod", ("prod", "https://prod.example:6443"));
        var second = Write("b", "dev", ("dev", "https://dev.example:6443"), ("prod", "https://other.example:6443"));

        KubernetesAccess.Resolve(Env(first, second)).Configuration!.Host.ShouldBe("https://prod.example:6443");
        KubernetesAccess.Resolve(Env(first, second), context: "dev").Configuration!.Host.ShouldBe("https://dev.example:6443");
    }

    [Fact]
    public void HomeKubeconfigIsUsedWhenKubeconfigIsUnset()
    {
        Directory.CreateDirectory(Path.Combine(_folder, ".kube"));
        File.Move(Write("c", "home", ("home", "https://home.example:6443")), Path.Combine(_folder, ".kube", "config"));

        var cluster = KubernetesAccess.Resolve(new Dictionary<string, string> { ["HOME"] = _folder });

        cluster.Configuration!.Host.ShouldBe("https://home.example:6443");
        cluster.Source.ShouldBe($"kubeconfig '{Path.Combine(_folder, ".kube", "config")}' (context home)");
    }

    [Fact]
    public void AnExplicitPathWinsOverKubeconfig()
    {
        var env = Env(Write("a", "prod", ("prod", "https://prod.example:6443")));

        KubernetesAccess.Resolve(env, kubeconfigPath: Write("x", "x", ("x", "https://x.example:6443"))).Configuration!.Host.ShouldBe("https://x.example:6443");
    }

    [Fact]
    public void AnUnknownContextIsAUsageErrorListingTheContexts()
    {
        var file = Write("a", "prod", ("prod", "https://prod.example:6443"), ("dev", "https://dev.example:6443"));

        Should.Throw<UsageException>(() => KubernetesAccess.Resolve(Env(file), context: "staging"))
            .Message.ShouldBe($"kube context 'staging' is not in kubeconfig '{file}' (available contexts: prod, dev)");
    }

    [Fact]
    public void AMalformedKubeconfigIsAOneLineUsageErrorNamingTheFile()
    {
        var file = Path.Combine(_folder, "broken");
        File.WriteAllText(file, "apiVersion: v1\nclusters: [\n  - name: x\n");

        var error = Should.Throw<UsageException>(() => KubernetesAccess.Resolve(Env(file)));

        error.Message.ShouldStartWith($"kubeconfig '{file}' cannot be read: ");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void AKubeconfigListOfMissingFilesIsAUsageError() =>
        Should.Throw<UsageException>(() => KubernetesAccess.Resolve(Env(Path.Combine(_folder, "nope"))))
            .Message.ShouldBe($"KUBECONFIG names no existing file ('{Path.Combine(_folder, "nope")}')");
}
