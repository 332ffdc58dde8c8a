namespace Shipyard.Delivery.GitOps;

/// <summary>What the GitOps deploy writes into its commits, and what may stop its Argo CD wait.</summary>
public sealed record GitOpsDeploySettings
{
    /// <summary>The CI run (URL or id) named in the <c>CI-Run:</c> trailer; omitted when null.</summary>
    public string? CiRun { get; init; }

    /// <summary>Subject of deploy commits; <c>{service}</c> and <c>{version}</c> are replaced.</summary>
    public string MessageTemplate { get; init; } = "Update {service} to version {version}";

    /// <summary>Subject of rollback commits; <c>{service}</c> and <c>{version}</c> are replaced.</summary>
    public string RollbackTemplate { get; init; } = "Roll back {service} to version {version}";

    /// <summary>
    /// The run's Ctrl-C. It stops the Argo CD wait even when the caller's token does not: a rollback's write runs to its
    /// end whatever happens (its token ignores Ctrl-C), but waiting for Argo CD to sync it need not.
    /// </summary>
    public CancellationToken Interrupt { get; init; }
}
