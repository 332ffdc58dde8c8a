using k8s;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Delivery.Tests.Fakes;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>
/// deploy/rbac's Role is enough for Verify and the Lease lock and no more: the fake API server answers 403 to
/// everything outside the rules parsed from the checked-in manifest.
/// </summary>
public sealed class RbacManifestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Role's rules from deploy/rbac, as (verb, group, resource).</summary>
    private static KubernetesRbac RoleFromManifest()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "rbac", "runner-deploy-verifier.yaml"))));
        var role = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => d["kind"].ToString() == "Role");
        var rules = new HashSet<(string, string, string)>();
        foreach (YamlMappingNode rule in (YamlSequenceNode)role["rules"])
            foreach (var group in (YamlSequenceNode)rule["apiGroups"])
                foreach (var resource in (YamlSequenceNode)rule["resources"])
                    foreach (var verb in (YamlSequenceNode)rule["verbs"])
                        rules.Add((verb.ToString(), group.ToString(), resource.ToString()));
        return new KubernetesRbac(rules);
    }

    [Fact]
    public async Task VerifyAndTheLeaseLockWorkUnderTheRole()
    {
        await using var run = await RolloutRun.StartAsync(RolloutScript.CrashLoop, TimeSpan.FromMilliseconds(50));
        run.Api.Rbac = RoleFromManifest();
        var verify = run.Verifier().VerifyAsync(run.Request(RolloutScript.CrashLoop, TimeSpan.FromSeconds(30)), Ct);
        await run.Scenario.RunAsync(RolloutScript.CrashLoop, Ct);
        var outcome = await verify;
        var lease = new DeployLock(new LeaseLockStore(run.Api.CreateClient(), "todo"),
            new LockOptions { Holder = "run-1", Ttl = TimeSpan.FromSeconds(30), AcquireTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, TextWriter.Null);
        await using (await lease.AcquireAsync("todo-api", Ct)) { }

        // The crash loop is reported with its log tail and events: pods/log and events are readable under the Role.
        outcome.Pod!.Reason.ShouldBe("CrashLoopBackOff");
        outcome.LogTail.ShouldContain("Unhandled exception. System.InvalidOperationException: ConnectionStrings:Todo is not set");
        outcome.Events.ShouldNotBeEmpty();
        outcome.Events.ShouldAllBe(e => !e.StartsWith("(events unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVerbOutsideTheRoleIsDenied()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        api.Rbac = RoleFromManifest();
        api.Store.Seed(KubernetesResourceType.Deployment, "todo", RolloutObjects.Workload("Deployment", "todo-api", "app", RolloutScenario.OldImage, 1, "RollingUpdate"));
        var client = api.CreateClient();

        var denied = await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() =>
            client.AppsV1.DeleteNamespacedDeploymentAsync("todo-api", "todo", cancellationToken: Ct));

        denied.Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        System.Text.Json.JsonDocument.Parse(denied.Response.Content).RootElement.GetProperty("message").GetString()
            .ShouldBe("deployments.apps \"todo-api\" is forbidden: User \"system:serviceaccount:ci:runner-deploy-verifier\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"todo\"");
    }

    [Fact]
    public async Task AMissingPermissionIsAFailedOutcomeNamingTheRequestAndTheRole()
    {
        await using var run = await RolloutRun.StartAsync(RolloutScript.Success, TimeSpan.FromMilliseconds(50));
        var role = RoleFromManifest();
        run.Api.Rbac = role with { Rules = role.Rules.Where(r => r != ("watch", "", "pods")).ToHashSet() };

        var outcome = await run.Verifier().VerifyAsync(run.Request(RolloutScript.Success, TimeSpan.FromSeconds(30)), Ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Reason.ShouldBe("the API server denied 'watch pods' in namespace todo (403 Forbidden): grant it to the CI runner's service account (see deploy/rbac/)");
    }
}
