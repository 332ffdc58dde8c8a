using k8s;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Benchmarks.Verify;

/// <summary>
/// One scripted Deployment rollout on the tests' in-process fake API server (no kube-apiserver can run here), with a
/// kubeconfig in a temp folder so real kubectl watches the same server our verifier does.
/// </summary>
internal sealed class FakeClusterRollout : IBenchmarkRollout
{
    private readonly FakeKubernetesApi _api;
    private readonly RolloutScenario _scenario;
    private readonly RolloutScript _script;

    private FakeClusterRollout(FakeKubernetesApi api, RolloutScenario scenario, RolloutScript script, string kubeconfig)
    {
        (_api, _scenario, _script, KubeconfigPath) = (api, scenario, script, kubeconfig);
        Cluster = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    public KubernetesClientConfiguration Cluster { get; }

    public string KubeconfigPath { get; }

    public VerifyRequest Request => new()
    {
        Namespace = _scenario.Namespace,
        Kind = WorkloadKind.Deployment,
        Name = _scenario.Name,
        Container = _scenario.Container,
        Image = ImageOf(RolloutScenario.NewImage),
        // Far beyond any reaction time measured: a verdict reached by this deadline would be a wrong figure.
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Starts a fake API server seeded with the old revision; <paramref name="crashLoop"/> picks the script.</summary>
    public static async Task<FakeClusterRollout> StartAsync(bool crashLoop, TimeSpan step)
    {
        var api = await FakeKubernetesApi.StartAsync();
        var scenario = new RolloutScenario(api, "todo-api", step);
        var script = crashLoop ? RolloutScript.CrashLoop : RolloutScript.Success;
        scenario.Seed(script);
        return new FakeClusterRollout(api, scenario, script, FakeKubernetesApi.WriteKubeconfig(api.Url, scenario.Namespace));
    }

    public async Task<long> PlayAsync(CancellationToken cancellationToken)
    {
        await _scenario.RunAsync(_script, cancellationToken);
        return _script == RolloutScript.CrashLoop ? _scenario.FirstCrashAt : _scenario.CompletedAt;
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(KubeconfigPath)!, recursive: true);
    }

    private static ImageReference ImageOf(string image)
    {
        var colon = image.LastIndexOf(':');
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        return new ImageReference(image[..slash], image[(slash + 1)..colon], image[(colon + 1)..]);
    }
}
