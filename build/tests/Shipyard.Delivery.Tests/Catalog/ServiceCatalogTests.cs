using Shipyard.Delivery.Catalog;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Catalog;

public sealed class ServiceCatalogTests
{
    [Fact]
    public void TheSamplePlatformHasTheApiAndTheWorkerWithConventionalNames()
    {
        var catalog = ServiceCatalog.Load(RepositoryRoot.Path);

        catalog.Services.Select(s => s.Name).ShouldBe(["todo-api", "todo-worker"]);
        var api = catalog.Services[0];
        api.Directory.ShouldBe("services/todo-api");
        api.ImageRepository.ShouldBe("todo-api");
        api.Dockerfile.ShouldBe("services/todo-api/Dockerfile");
        api.Context.ShouldBe("services/todo-api");
        api.PrepareCommand.ShouldBe("dotnet publish src -c Release -o .publish");
        api.TestCommand.ShouldBe("dotnet test");
        api.Strategy.ShouldBe(DeployStrategy.GitOps);
        api.Manifest.ShouldBe(new GitOpsManifest { Kind = ManifestKind.Kustomize, Path = "deploy/applications/todo-api/kustomization.yaml", ImageName = "todo-api", Application = "todo-api" });
        api.Workload.ShouldBe(new KubernetesWorkload { Namespace = "todo", Deployment = "todo-api", Container = "todo-api" });
    }

    [Fact]
    public void EveryConventionalManifestOfTheSamplePlatformExists()
    {
        foreach (var service in ServiceCatalog.Load(RepositoryRoot.Path).Services)
        {
            File.Exists(Path.Combine(RepositoryRoot.Path, service.Manifest.Path)).ShouldBeTrue(service.Manifest.Path);
            File.Exists(Path.Combine(RepositoryRoot.Path, "deploy/argocd/apps", service.Manifest.Application + ".yaml")).ShouldBeTrue(service.Name);
        }
    }

    [Fact]
    public void AFolderWithADockerfileIsAServiceWithoutAnyConfiguration()
    {
        using var repo = new TempRepository().Service("billing");

        var service = ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem();

        service.Name.ShouldBe("billing");
        service.ImageRepository.ShouldBe("billing");
        service.Manifest.Path.ShouldBe("deploy/applications/billing/kustomization.yaml");
        service.Workload.Deployment.ShouldBe("billing");
        service.TestCommand.ShouldBeNull();
        service.PrepareCommand.ShouldBeNull();
    }

    [Fact]
    public void AFolderWithoutADockerfileIsSharedCodeNotAService()
    {
        using var repo = new TempRepository().Service("web").File("services/shared/Lib/Lib.csproj", "<Project />");

        ServiceCatalog.Load(repo.Root).Services.Select(s => s.Name).ShouldBe(["web"]);
    }

    [Fact]
    public void ServicesAreOrderedByName()
    {
        using var repo = new TempRepository().Service("zeta").Service("alpha").Service("mid-1");

        ServiceCatalog.Load(repo.Root).Services.Select(s => s.Name).ShouldBe(["alpha", "mid-1", "zeta"]);
    }

    [Fact]
    public void ARepositoryWithoutAServicesFolderHasNoServices()
    {
        using var repo = new TempRepository();

        ServiceCatalog.Load(repo.Root).Services.ShouldBeEmpty();
    }

    [Fact]
    public void AddingAFolderWithADockerfileToACopyOfTheRepositoryAddsAService()
    {
        using var repo = new TempRepository().CopyFromRepository("services", "deploy");
        repo.File("services/todo-notifier/Dockerfile", "ARG RUNTIME_IMAGE=scratch\nFROM ${RUNTIME_IMAGE}\n");

        ServiceCatalog.Load(repo.Root).Services.Select(s => s.Name).ShouldBe(["todo-api", "todo-notifier", "todo-worker"]);
    }

    [Fact]
    public void SelectingNoNameSelectsEveryService()
    {
        var catalog = ServiceCatalog.Load(RepositoryRoot.Path);

        catalog.Select([]).ShouldBe(catalog.Services);
    }

    [Fact]
    public void SelectionAcceptsRepeatedAndCommaSeparatedNamesInCatalogOrder()
    {
        using var repo = new TempRepository().Service("a").Service("b").Service("c");
        var catalog = ServiceCatalog.Load(repo.Root);

        catalog.Select(["c, a", "a"]).Select(s => s.Name).ShouldBe(["a", "c"]);
    }

    [Fact]
    public void SelectingAnUnknownServiceListsTheAvailableOnes()
    {
        var catalog = ServiceCatalog.Load(RepositoryRoot.Path);

        Should.Throw<UsageException>(() => catalog.Select(["todo-api", "nope"]))
            .Message.ShouldBe("Unknown service 'nope'. Available: todo-api, todo-worker");
    }
}
