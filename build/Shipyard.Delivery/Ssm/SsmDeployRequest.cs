using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Ssm;

/// <summary>One service to deploy through SSM. Every value is validated before anything is created in AWS.</summary>
public sealed record SsmDeployRequest
{
    /// <summary>Service name (DNS-1123 label).</summary>
    public required string Service { get; init; }

    /// <summary>Namespace of the workload.</summary>
    public required string Namespace { get; init; }

    /// <summary>Workload kind: <c>deployment</c>, <c>statefulset</c> or <c>daemonset</c> (any case).</summary>
    public string WorkloadKind { get; init; } = "deployment";

    /// <summary>Workload name.</summary>
    public required string WorkloadName { get; init; }

    /// <summary>Container that runs the image.</summary>
    public required string Container { get; init; }

    /// <summary>The image to deploy, <c>registry/repository:tag@digest</c>.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The service's kustomize directory (absolute, e.g. <c>…/deploy/applications/todo-api</c>); must be self-contained (no <c>../</c> resources).</summary>
    public required string KustomizeDirectory { get; init; }

    /// <summary>The <c>images[].name</c> entry of the kustomization to set; default the service name.</summary>
    public string? KustomizeImageName { get; init; }

    /// <summary>Commit the image was built from (hex), or empty.</summary>
    public string SourceCommit { get; init; } = "";

    /// <summary>CI run id (tags the bucket), or empty for a local run.</summary>
    public string CiRun { get; init; } = "";

    /// <summary>How long the script waits for <c>kubectl rollout status</c> on the host (the backstop of Verify).</summary>
    public TimeSpan RolloutTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Let the script undo a failed rollout itself; off by default, so the pipeline's guarded rollback decides and records it.</summary>
    public bool ScriptUndoesFailedRollout { get; init; }
}
