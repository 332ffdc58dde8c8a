using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Clusters;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Verify;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>A fake API server with a scripted rollout, and the request our verifier gets for it.</summary>
public sealed class RolloutRun : IAsyncDisposable
{
    private RolloutRun(FakeKubernetesApi api, RolloutScenario scenario, string kubeconfig) => (Api, Scenario, Kubeconfig) = (api, scenario, kubeconfig);

    public FakeKubernetesApi Api { get; }

    public RolloutScenario Scenario { get; }

    /// <summary>A kubeconfig file pointing at the fake.</summary>
    public string Kubeconfig { get; }

    public static async Task<RolloutRun> StartAsync(RolloutScript script, TimeSpan step)
    {
        var api = await FakeKubernetesApi.StartAsync();
        var scenario = new RolloutScenario(api, RolloutScenario.KindOf(script) == "Deployment" ? "todo-api" : "todo-cache", step);
        scenario.Seed(script);
        return new RolloutRun(api, scenario, FakeKubernetesApi.WriteKubeconfig(api.Url, scenario.Namespace));
    }

    /// <summary>Our verifier, configured the way the pipeline does it: from KUBECONFIG.</summary>
    public IRolloutVerifier Verifier() =>
        RolloutVerifiers.Kubernetes(KubernetesAccess.Resolve(new Dictionary<string, string> { ["KUBECONFIG"] = Kubeconfig }).Configuration!, TimeProvider.System);

    public VerifyRequest Request(RolloutScript script, TimeSpan timeout, TextWriter? log = null, string image = RolloutScenario.NewImage) => new()
    {
        Namespace = Scenario.Namespace,
        Kind = Enum.Parse<WorkloadKind>(RolloutScenario.KindOf(script)),
        Name = Scenario.Name,
        Container = Scenario.Container,
        Image = Parse(image),
        Timeout = timeout,
        Log = log ?? TextWriter.Null,
    };

    public static ImageReference Parse(string image)
    {
        var (name, tag, digest) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..], (string?)null);
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return new ImageReference(name[..slash], name[(slash + 1)..], tag, digest);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Kubeconfig)!, recursive: true);
    }
}
