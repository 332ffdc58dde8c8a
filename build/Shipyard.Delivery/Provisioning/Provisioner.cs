using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Provisioning;

/// <summary>
/// Checks, then installs all that is missing or nothing: whether every missing piece can be installed here is decided
/// before the first install command, so a run that cannot provision stops with advice and leaves the machine as it was.
/// </summary>
internal sealed class Provisioner(ProvisioningSettings settings, IMachine machine, ProcessRunner runner, TextWriter log) : IProvisioner
{
    private const string Installed = "install ok installed";
    private readonly ProvisioningStamp _stamp = new(settings.StampFile);

    public async Task<ProvisionResult> EnsureAsync(IReadOnlyList<Prerequisite> needed, CancellationToken cancellationToken)
    {
        // A repository without the npm tool folder has no tests that use it (scratch roots of the CLI tests).
        needed = [.. needed.Where(p => p.Kind == PrerequisiteKind.AptPackage || File.Exists(Path.Combine(FolderOf(p), "package-lock.json")))];
        if (needed.Count == 0) return new ProvisionResult([], FromStamp: false);

        var npmMissing = needed.Where(p => p.Kind == PrerequisiteKind.NpmFolder && !Directory.Exists(Path.Combine(FolderOf(p), "node_modules", p.Marker!))).ToList();
        if (npmMissing.Count == 0 && _stamp.Contains(ProvisioningStamp.Key(needed, machine.PackageDatabaseVersion())))
            return new ProvisionResult([], FromStamp: true);

        var aptNeeded = needed.Where(p => p.Kind == PrerequisiteKind.AptPackage).ToList();
        if (npmMissing.Count > 0 && machine.FindProgram("npm") is null) aptNeeded.Add(Prerequisite.Apt("npm"));
        var aptMissing = await MissingPackagesAsync(aptNeeded, cancellationToken);

        if (aptMissing.Count > 0 || npmMissing.Count > 0)
        {
            var advice = InstallAdvice.Command(aptMissing, npmMissing);
            if (aptMissing.Count > 0 && WhyAptCannotInstall() is { } reason)
                throw new BuildFailedException(InstallAdvice.CannotInstall(aptMissing.Concat(npmMissing), reason, advice));
            if (aptMissing.Count > 0) await InstallPackagesAsync(aptMissing, advice, cancellationToken);
            foreach (var folder in npmMissing) await InstallNpmAsync(folder, advice, cancellationToken);
        }

        _stamp.Add(ProvisioningStamp.Key(needed, machine.PackageDatabaseVersion()));
        return new ProvisionResult([.. aptMissing, .. npmMissing], FromStamp: false);
    }

    private string? WhyAptCannotInstall() =>
        machine.FindProgram("apt-get") is null || machine.FindProgram("dpkg-query") is null ? "this machine has no apt-get (not Debian or Ubuntu)"
        : !machine.IsRoot ? "the build is not running as root"
        : null;

    /// <summary>One dpkg-query for the whole set; where there is no dpkg, a package counts as there when its program is.</summary>
    private async Task<List<Prerequisite>> MissingPackagesAsync(List<Prerequisite> packages, CancellationToken cancellationToken)
    {
        if (packages.Count == 0) return [];
        if (machine.FindProgram("dpkg-query") is not { } dpkgQuery)
            return [.. packages.Where(p => p.Marker is null || machine.FindProgram(p.Marker) is null)];
        var result = await runner.RunAsync(dpkgQuery, ["-W", "-f=${Package}\t${Status}\n", .. packages.Select(p => p.Name)],
            new ProcessOptions { Echo = false, Check = false }, cancellationToken); // exit 1 names unknown packages: they are missing
        var installed = result.StandardOutput.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(f => f.Length == 2 && f[1].Trim() == Installed)
            .Select(f => f[0].Split(':')[0]) // "git:amd64" on multi-arch machines
            .ToHashSet(StringComparer.Ordinal);
        return [.. packages.Where(p => !installed.Contains(p.Name))];
    }

    private async Task InstallPackagesAsync(List<Prerequisite> packages, string advice, CancellationToken cancellationToken)
    {
        var aptGet = machine.FindProgram("apt-get")!;
        var names = packages.Select(p => p.Name).ToList();
        await log.WriteLineAsync($"Installing {string.Join(", ", names)} (apt-get, with recommends) ...");
        var options = new ProcessOptions
        {
            Echo = false,
            Check = false,
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
        };
        await CheckAsync(await runner.RunAsync(aptGet, ["update", "-qq"], options, cancellationToken), "apt-get update", advice);
        // With recommends, as verified on this machine kind: buildah then gets fuse-overlayfs, and runc (named)
        // satisfies "crun | runc", so crun stays out.
        await CheckAsync(await runner.RunAsync(aptGet, ["install", "-y", "-qq", .. names], options, cancellationToken), "apt-get install", advice);

        var stillMissing = await MissingPackagesAsync(packages, cancellationToken);
        if (stillMissing.Count > 0)
            throw new BuildFailedException($"apt-get install finished but {string.Join(", ", stillMissing.Select(p => p.Name))} is still not installed. Install it yourself: {advice}");
        foreach (var name in names) await log.WriteLineAsync($"  installed {name} (apt)");
    }

    private async Task InstallNpmAsync(Prerequisite folder, string advice, CancellationToken cancellationToken)
    {
        var npm = machine.FindProgram("npm")
            ?? throw new BuildFailedException($"npm is still not on the search path after installing it. Install it yourself: {advice}");
        await log.WriteLineAsync($"Installing {folder.Marker} (npm ci --prefix {folder.Name}) ...");
        var result = await runner.RunAsync(npm, ["ci", "--prefix", FolderOf(folder), "--no-audit", "--no-fund", "--loglevel=error"],
            new ProcessOptions { Echo = false, Check = false }, cancellationToken);
        await CheckAsync(result, $"npm ci --prefix {folder.Name}", advice);
        await log.WriteLineAsync($"  installed {folder.Marker} (npm)");
    }

    private static Task CheckAsync(ProcessResult result, string what, string advice) =>
        result.ExitCode == 0 ? Task.CompletedTask
            : throw new BuildFailedException(InstallAdvice.Failed(what, result, advice));

    private string FolderOf(Prerequisite npmFolder) => Path.Combine(settings.RootDirectory, npmFolder.Name);
}
