using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Records;

/// <summary>Whether the cluster runs the deployed image: the verdict of Verify (or of the verification after a rollback).</summary>
public sealed record VerifiedEntry : StageEntry
{
    /// <summary>The image that was to be running.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>Where the verdict came from: <c>kubernetes</c> (the API), <c>argocd</c> (its health at the revision), <c>ssm</c> (the host).</summary>
    public string? Source { get; init; }

    /// <summary>
    /// With source <c>argocd</c>: the GitOps revision Argo CD showed Healthy, the deployed commit or a newer one that
    /// contains it.
    /// </summary>
    public string? Revision { get; init; }

    /// <summary>Why it failed (the pod, its reason), when it did.</summary>
    public string? Reason { get; init; }

    /// <summary>The failing container's last log lines.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>Recent events of the workload and its pods.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];
}
