using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Ssm;

/// <summary>Builds the <see cref="ISsmDeployer"/>.</summary>
public static class SsmDeployers
{
    /// <summary>A deployer with AWS clients for <paramref name="settings"/> (region, endpoint, credentials or the SDK chain).</summary>
    /// <param name="settings">Validated settings (<see cref="SsmSettings.Create"/>).</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="time">Clock of the polling and bucket names.</param>
    /// <param name="runner">Runs <c>kubectl kustomize</c>.</param>
    public static ISsmDeployer Create(SsmSettings settings, TextWriter log, TimeProvider time, ProcessRunner runner) =>
        new SsmDeployer(settings, AwsClients.From(settings), log, time, runner, new SsmHooks());

    internal static ISsmDeployer Create(SsmSettings settings, AwsClients clients, TextWriter log, TimeProvider time, ProcessRunner runner, SsmHooks? hooks = null) =>
        new SsmDeployer(settings, clients, log, time, runner, hooks ?? new SsmHooks());

    /// <summary>The SSM deploy strategy over <paramref name="deployer"/>, rendering manifests from <paramref name="repositoryRoot"/>.</summary>
    public static Deploy.IDeployStrategy Strategy(ISsmDeployer deployer, string repositoryRoot, string? ciRun, TextWriter log) =>
        new SsmDeployStrategy(deployer, repositoryRoot, ciRun, log);
}
