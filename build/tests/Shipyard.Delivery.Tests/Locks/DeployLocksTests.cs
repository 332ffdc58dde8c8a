using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Locks;

public sealed class DeployLocksTests
{
    private static readonly ProcessRunner Runner = new(TextWriter.Null, s => s);

    private static IDeployLock Create(DeployLockSettings settings) => DeployLocks.Create(settings, Runner, TimeProvider.System, TextWriter.Null);

    private static DeployLockSettings Settings(string kind) => new() { Kind = kind, Lock = new LockOptions { Holder = "1234" } };

    [Fact]
    public void AnUnknownKindIsAUsageErrorListingTheKinds()
    {
        var error = Should.Throw<UsageException>(() => Create(Settings("redis")));

        error.Message.ShouldBe("--deploy-lock does not accept 'redis'. Allowed: none, lease, git-ref, github-variable");
    }

    [Theory]
    [InlineData("lease", "--deploy-lock lease needs a cluster: set KUBECONFIG (or ~/.kube/config), or run inside the cluster")]
    [InlineData("git-ref", "--deploy-lock git-ref needs the GitOps repository (--gitops-repository)")]
    [InlineData("github-variable", "--deploy-lock github-variable needs --github-repository (or GITHUB_REPOSITORY)")]
    public void AKindWithoutItsSettingsSaysWhatIsMissing(string kind, string message) =>
        Should.Throw<UsageException>(() => Create(Settings(kind))).Message.ShouldBe(message);

    [Fact]
    public async Task NoneGrantsAtOnceAndSaysSo()
    {
        var log = new StringWriter();
        await using var handle = await DeployLocks.Create(Settings("none"), Runner, TimeProvider.System, log).AcquireAsync("todo-api", TestContext.Current.CancellationToken);

        log.ToString().ShouldContain("lock todo-api: no deploy lock configured (--deploy-lock none)");
    }

    [Fact]
    public void ArgoCdWithoutAServerIsSkippedAndAServerWithoutATokenIsAUsageError()
    {
        ArgoCds.Create(null, null, TimeSpan.FromMinutes(10), TimeProvider.System, TextWriter.Null).ShouldBeOfType<SkippedArgoCd>();
        Should.Throw<UsageException>(() => ArgoCds.Create("https://argocd.example.com", null, TimeSpan.FromMinutes(10), TimeProvider.System, TextWriter.Null))
            .Message.ShouldStartWith("An Argo CD server is configured but no Argo CD token");
        Should.Throw<UsageException>(() => ArgoCds.Create("argocd.example.com", "t", TimeSpan.FromMinutes(10), TimeProvider.System, TextWriter.Null))
            .Message.ShouldStartWith("The Argo CD server must be an http(s) URL");
    }
}
