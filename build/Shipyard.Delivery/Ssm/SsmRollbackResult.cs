namespace Shipyard.Delivery.Ssm;

/// <summary>What the guarded rollback on the host did.</summary>
/// <param name="RolledBack">True when <c>kubectl rollout undo</c> ran and succeeded.</param>
/// <param name="LiveImages">The workload's container images before the undo, as the host saw them.</param>
/// <param name="Reason">Why it was skipped, or what it did.</param>
/// <param name="Command">The SSM command.</param>
public sealed record SsmRollbackResult(bool RolledBack, string LiveImages, string Reason, SsmCommandResult Command);
