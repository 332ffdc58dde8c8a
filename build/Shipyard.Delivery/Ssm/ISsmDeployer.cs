namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Deploys to a K3s host through AWS SSM, seed 004's way made safe: the instance found by tag, manifests rendered
/// here, a temporary bucket that never outlives the run, quoted arguments only, and polling under a deadline.
/// </summary>
public interface ISsmDeployer
{
    /// <summary>The running instance matching the tag filter; several → the oldest (or a failure when exactly one is required).</summary>
    /// <exception cref="Shipyard.Engine.BuildFailedException">No running instance matches, or several do and exactly one is required.</exception>
    Task<SsmTarget> FindInstanceAsync(CancellationToken cancellationToken);

    /// <summary>Renders, uploads, runs the script on the host, waits for it and deletes the bucket, whatever happens.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">A value of <paramref name="request"/> is invalid; nothing was created in AWS.</exception>
    /// <exception cref="SsmCommandFailedException">The command was sent and failed, timed out, was cancelled by SSM, or outlived the deadline.</exception>
    /// <exception cref="Shipyard.Engine.BuildFailedException">Rendering, the instance lookup or an AWS call failed before the command was sent.</exception>
    /// <summary>Checks every value of <paramref name="request"/> against the build's grammars, creating nothing.</summary>
    /// <exception cref="Shipyard.Engine.UsageException">The first bad value, in one line.</exception>
    void Validate(SsmDeployRequest request);

    Task<SsmDeployment> DeployAsync(SsmDeployRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes buckets that carry the prefix and the tool's tag and are older than the sweep age (left by killed runs); logs what it swept.</summary>
    Task<SweepResult> SweepStaleBucketsAsync(CancellationToken cancellationToken);

    /// <summary>Runs a small script (no bucket) through AWS-RunShellScript and waits for it under the host command deadline.</summary>
    /// <param name="target">The instance.</param>
    /// <param name="commandLines">Lines of a POSIX sh script; every untrusted value in them must already be quoted.</param>
    /// <param name="cancellationToken">Stops waiting (and cancels the command).</param>
    /// <returns>The final status and output; a failed command is a result, not an exception.</returns>
    Task<SsmCommandResult> RunOnHostAsync(SsmTarget target, IReadOnlyList<string> commandLines, CancellationToken cancellationToken);
}
