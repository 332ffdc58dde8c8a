namespace Shipyard.Delivery.Verify;

/// <summary>Waits until a workload runs the deployed image and is ready, or says why it will not.</summary>
public interface IRolloutVerifier
{
    /// <summary>
    /// Verifies <paramref name="request"/> within its timeout. A rollout that fails, times out or cannot be observed
    /// (403, workload deleted) is a failed <see cref="VerifyOutcome"/>; only misconfiguration throws.
    /// </summary>
    Task<VerifyOutcome> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken);
}
