using k8s;
using k8s.Models;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Deploys imperatively to a K3s host through AWS SSM (seed 004): the manifests rendered here with the image set go
/// through a temporary bucket to the host's deploy script. There is no desired state in git, so a rollback is the
/// cluster's own undo (<c>kubectl rollout undo</c> on the host), guarded by the image that is to be undone.
/// </summary>
internal sealed class SsmDeployStrategy(ISsmDeployer deployer, string repositoryRoot, string? ciRun, TextWriter log) : IDeployStrategy
{
    private readonly SemaphoreSlim _sweep = new(1, 1);
    private bool _swept;

    public string Name => "ssm";

    public Task ValidateAsync(IReadOnlyList<DeployRequest> deploys, CancellationToken cancellationToken)
    {
        foreach (var d in deploys) deployer.Validate(Request(d));
        return Task.CompletedTask;
    }

    // No desired state in git: what "deployed" means is what the host's workload names now (Verify on its own, and a
    // redeploy of changed manifests with the running image).
    public async Task<ImageReference?> DeployedImageAsync(Service service, CancellationToken cancellationToken)
    {
        var w = service.Workload;
        var target = await deployer.FindInstanceAsync(cancellationToken);
        var json = await new SsmClusterReader(deployer).ReadAsync(target, w.Namespace, w.Kind.ToString(), w.Deployment, cancellationToken);
        return ImageOf(KubernetesJson.Deserialize<V1Deployment>(json.Workload).Spec.Template, w.Container);
    }

    public async Task<DeployReceipt> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        await SweepOnceAsync(cancellationToken);
        try
        {
            var done = await deployer.DeployAsync(Request(request), cancellationToken);
            return Receipt(request.Image, null, done, $"{request.Image.Tag} applied on {done.InstanceId} by SSM command {done.CommandId} ({done.Status})");
        }
        catch (SsmCommandFailedException e)
        {
            // The command reached the host: whatever it applied is recorded, so Rollback can undo it.
            throw new DeployFailedException(e.Message, Receipt(request.Image, null, e.Deployment, $"SSM command {e.Deployment.CommandId} {e.Deployment.Status}"), e);
        }
    }

    public async Task<RollbackRequest> PlanRollbackAsync(Service service, DeployReceipt? deployed, string? to, CancellationToken cancellationToken)
    {
        if (to is not null)
            throw new UsageException($"{service.Name}: an SSM rollback restores the previous revision on the host (kubectl rollout undo); naming a version to restore is not supported for SSM services");
        var (live, previous) = await RevisionsAsync(service, deployed is not null, cancellationToken);
        return new RollbackRequest(service, live, previous, deployed?.ChangeId);
    }

    public async Task<DeployReceipt> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var w = request.Service.Workload;
        var target = await deployer.FindInstanceAsync(cancellationToken);
        var result = await new SsmClusterReader(deployer).RollbackAsync(target, w.Namespace, "deployment", w.Deployment, request.Bad.ToString(), cancellationToken);
        if (!result.RolledBack) throw new NewerDeployException(request.Service.Name, request.Bad, ImageReference.Parse(result.LiveImages.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()));
        await log.WriteLineAsync($"{request.Service.Name}: rollout undo on {target.InstanceId} (SSM command {result.Command.CommandId})");
        return new SsmReceipt
        {
            Image = request.Target,
            Previous = request.Bad,
            Region = target.Region,
            InstanceId = target.InstanceId,
            CommandId = result.Command.CommandId,
            Note = $"rollout undo to {request.Target.Tag} on {target.InstanceId}",
        };
    }

    // kubectl's undo target: the ReplicaSet with the second-highest revision; the live one has the highest.
    // After a failed deploy of this run the lack of history is a stage failure (the run already changed the host), not
    // bad input: only a Rollback asked for on its own is refused as usage.
    private async Task<(ImageReference Live, ImageReference Previous)> RevisionsAsync(Service service, bool afterDeploy, CancellationToken cancellationToken)
    {
        var w = service.Workload;
        var target = await deployer.FindInstanceAsync(cancellationToken);
        var json = await new SsmClusterReader(deployer).ReadAsync(target, w.Namespace, "deployment", w.Deployment, cancellationToken);
        var replicaSets = KubernetesJson.Deserialize<V1ReplicaSetList>(json.ReplicaSets).Items
            .Select(rs => (Revision: long.TryParse(rs.GetAnnotation("deployment.kubernetes.io/revision"), out var r) ? r : 0, Image: ImageOf(rs.Spec.Template, w.Container)))
            .Where(r => r.Image is not null).OrderByDescending(r => r.Revision).ToList();
        if (replicaSets.Count >= 2) return (replicaSets[0].Image!, replicaSets[1].Image!);
        var why = $"{service.Name}: no rollout history on the host (one revision of {w.Namespace}/{w.Deployment}); there is nothing to roll back to";
        throw afterDeploy
            ? new BuildFailedException($"{why}. The version this run deployed stays; fix it and deploy again, or remove it on the host.")
            : new UsageException(why);
    }

    private static ImageReference? ImageOf(V1PodTemplateSpec template, string container) =>
        ImageReference.Parse(template.Spec.Containers.FirstOrDefault(c => c.Name == container)?.Image);

    private async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        await _sweep.WaitAsync(cancellationToken);
        try
        {
            if (!_swept) await deployer.SweepStaleBucketsAsync(cancellationToken);
            _swept = true;
        }
        finally
        {
            _sweep.Release();
        }
    }

    private SsmDeployRequest Request(DeployRequest d) => new()
    {
        Service = d.Service.Name,
        Namespace = d.Service.Workload.Namespace,
        WorkloadName = d.Service.Workload.Deployment,
        Container = d.Service.Workload.Container,
        Image = d.Image,
        KustomizeDirectory = Path.GetFullPath(Path.Combine(repositoryRoot, Path.GetDirectoryName(d.Service.Manifest.Path) ?? "")),
        KustomizeImageName = d.Service.Manifest.ImageName,
        SourceCommit = d.Version.Sha,
        CiRun = ciRun ?? "",
    };

    private static SsmReceipt Receipt(ImageReference image, ImageReference? previous, SsmDeployment done, string note) => new()
    {
        Image = image,
        Previous = previous,
        Region = done.Region,
        InstanceId = done.InstanceId,
        CommandId = done.CommandId,
        Bucket = done.BucketName,
        Note = note,
    };
}
