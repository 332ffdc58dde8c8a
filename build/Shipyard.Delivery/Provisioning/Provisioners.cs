using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Provisioning;

/// <summary>Factories of the provisioning component.</summary>
public static class Provisioners
{
    /// <summary>Where dpkg keeps the state of every package (its modification time changes on every install or removal).</summary>
    public const string DpkgStatusFile = "/var/lib/dpkg/status";

    // When the environment has no PATH (a stripped-down session), look where Debian keeps its programs.
    private const string DefaultSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>This machine, seen through <paramref name="environment"/>'s <c>PATH</c>.</summary>
    public static IMachine LocalMachine(IReadOnlyDictionary<string, string> environment) =>
        new LocalMachine(environment.TryGetValue("PATH", out var path) && path.Length > 0 ? path : DefaultSearchPath, DpkgStatusFile);

    /// <summary>A provisioner that runs its commands through <paramref name="runner"/> and reports progress to <paramref name="log"/>.</summary>
    public static IProvisioner Create(ProvisioningSettings settings, IMachine machine, ProcessRunner runner, TextWriter log) =>
        new Provisioner(settings, machine, runner, log);
}
