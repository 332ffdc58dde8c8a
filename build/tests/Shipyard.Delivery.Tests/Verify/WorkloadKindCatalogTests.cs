using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>service.yaml <c>deploy.kind</c>: the workload Verify watches.</summary>
public sealed class WorkloadKindCatalogTests
{
    [Fact]
    public void TheWorkloadIsADeploymentByConvention()
    {
        using var repo = new TempRepository().Service("api", "deploy:\n  deployment: api-server\n");

        ServiceCatalog.Load(repo.Root).Services.Single().Workload.Kind.ShouldBe(WorkloadKind.Deployment);
    }

    [Fact]
    public void AStatefulSetIsDeclaredWithDeployKind()
    {
        using var repo = new TempRepository().Service("cache", "deploy:\n  kind: StatefulSet\n  deployment: redis\n");

        var workload = ServiceCatalog.Load(repo.Root).Services.Single().Workload;

        workload.Kind.ShouldBe(WorkloadKind.StatefulSet);
        workload.Deployment.ShouldBe("redis");
    }

    [Fact]
    public void AnUnknownKindIsReportedWithItsLine()
    {
        using var repo = new TempRepository().Service("cache", "deploy:\n  namespace: data\n  kind: Pod\n");

        Should.Throw<UsageException>(() => ServiceCatalog.Load(repo.Root)).Message
            .ShouldBe("services/cache/service.yaml:3: 'deploy.kind' must be one of: Deployment, StatefulSet, DaemonSet (got 'Pod')");
    }
}
