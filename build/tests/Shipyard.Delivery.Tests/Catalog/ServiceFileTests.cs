using Shipyard.Delivery.Catalog;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Catalog;

public sealed class ServiceFileTests
{
    private static string LoadError(TempRepository repo) =>
        Should.Throw<UsageException>(() => ServiceCatalog.Load(repo.Root)).Message;

    [Fact]
    public void EveryOverrideReplacesItsConvention()
    {
        using var repo = new TempRepository()
            .File("services/api/build/api.Dockerfile", "FROM scratch\n")
            .File("deploy/helm/api/values.yaml", "image: {}\n")
            .File("services/api/service.yaml", """
                image: team/api-server
                dockerfile: build/api.Dockerfile
                context: ..
                prepare: make publish
                test: go test ./...
                watch: [proto/, deploy/helm/api]
                deploy:
                  strategy: ssm
                  namespace: apps
                  deployment: api-server
                  container: server
                  healthUrl: https://api.example.com/healthz
                  manifest:
                    kind: helm
                    path: deploy/helm/api/values.yaml
                    helmRepositoryKey: server.image.repository
                    helmTagKey: server.image.tag
                  argocd:
                    application: api-prod
                """);

        var service = ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem();

        service.ImageRepository.ShouldBe("team/api-server");
        service.Dockerfile.ShouldBe("services/api/build/api.Dockerfile");
        service.Context.ShouldBe("services");
        service.PrepareCommand.ShouldBe("make publish");
        service.TestCommand.ShouldBe("go test ./...");
        service.WatchedPaths.ShouldBe(["proto", "deploy/helm/api"]);
        service.Strategy.ShouldBe(DeployStrategy.Ssm);
        service.Workload.ShouldBe(new KubernetesWorkload { Namespace = "apps", Deployment = "api-server", Container = "server", HealthUrl = "https://api.example.com/healthz" });
        service.Manifest.ShouldBe(new GitOpsManifest
        {
            Kind = ManifestKind.HelmValues,
            Path = "deploy/helm/api/values.yaml",
            ImageName = "api",
            HelmRepositoryKey = "server.image.repository",
            HelmTagKey = "server.image.tag",
            Application = "api-prod",
        });
    }

    [Theory]
    [InlineData("tags: semver\n", "semver")]
    [InlineData("tags: ['{{sha7}}', latest]\n", "{{sha7}},latest")]
    public void TagsNameTheServicesTagSchemeAsAPresetOrAList(string yaml, string scheme)
    {
        using var repo = new TempRepository().Service("api", yaml);

        ServiceCatalog.Load(repo.Root).Services.Single().TagScheme.ShouldBe(scheme);
    }

    [Fact]
    public void AnUnknownKeyIsReportedWithFileLineAndTheExpectedKeys()
    {
        using var repo = new TempRepository().Service("todo-api", "# comment\nprepare: x\nimagee: foo\n");

        LoadError(repo).ShouldBe("services/todo-api/service.yaml:3: unknown key 'imagee' (expected one of: image, dockerfile, context, prepare, test, watch, tags, deploy)");
    }

    [Fact]
    public void AnUnknownNestedKeyIsReportedWithItsDottedPath()
    {
        using var repo = new TempRepository().Service("api", "deploy:\n  strategy: gitops\n  manifest:\n    knd: helm\n");

        LoadError(repo).ShouldStartWith("services/api/service.yaml:4: unknown key 'deploy.manifest.knd' (expected one of: kind, path,");
    }

    [Fact]
    public void AnInvalidKubernetesNameIsReportedWithItsLine()
    {
        using var repo = new TempRepository().Service("api", "deploy:\n  deployment: Todo_API\n");

        LoadError(repo).ShouldBe("services/api/service.yaml:2: 'deploy.deployment' is not a valid name: 'Todo_API' (lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit)");
    }

    [Fact]
    public void ANameLongerThanSixtyThreeCharactersIsInvalid()
    {
        using var repo = new TempRepository().Service("api", $"deploy:\n  container: {new string('a', 64)}\n");

        LoadError(repo).ShouldContain("service.yaml:2: 'deploy.container' is not a valid name");
    }

    [Fact]
    public void AFolderNameThatIsNotADnsLabelIsRejected()
    {
        using var repo = new TempRepository().Service("Todo_Api");

        LoadError(repo).ShouldStartWith("services/Todo_Api: invalid service name 'Todo_Api'");
    }

    [Theory]
    [InlineData("watch: proto/\n", "services/api/service.yaml:1: 'watch' must be a list of strings, not a string")]
    [InlineData("deploy: gitops\n", "services/api/service.yaml:1: 'deploy' must be a mapping, not a string")]
    [InlineData("prepare:\n  - a\n", "services/api/service.yaml:2: 'prepare' must be a string, not a list")]
    [InlineData("deploy:\n  strategy: helm\n", "services/api/service.yaml:2: 'deploy.strategy' must be one of: gitops, ssm (got 'helm')")]
    [InlineData("image: Team/API:latest\n", "services/api/service.yaml:1: 'image' is not a valid repository: 'Team/API:latest' (lowercase path like 'team/todo-api', without registry or tag)")]
    [InlineData("deploy:\n  healthUrl: /healthz\n", "services/api/service.yaml:2: 'deploy.healthUrl' must be an absolute http(s) URL (got '/healthz')")]
    [InlineData("- image\n", "services/api/service.yaml:1: the file must be a mapping of keys (image, dockerfile, context, prepare, test, watch, tags, deploy)")]
    public void AValueOfTheWrongTypeIsReportedWithItsLine(string yaml, string expected)
    {
        using var repo = new TempRepository().Service("api", yaml);

        LoadError(repo).ShouldBe(expected);
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsLine()
    {
        using var repo = new TempRepository().Service("api", "prepare: ok\ntest: [unclosed\n");

        LoadError(repo).ShouldStartWith("services/api/service.yaml:");
        LoadError(repo).ShouldContain("invalid YAML");
    }

    [Fact]
    public void ADuplicateKeyIsReported()
    {
        using var repo = new TempRepository().Service("api", "test: a\ntest: b\n");

        LoadError(repo).ShouldStartWith("services/api/service.yaml:2:");
    }

    [Theory]
    [InlineData("dockerfile: Dockerfile.prod\n", "services/api/service.yaml:1: 'dockerfile' names a file that does not exist: services/api/Dockerfile.prod")]
    [InlineData("context: src\n", "services/api/service.yaml:1: 'context' names a folder that does not exist: services/api/src")]
    [InlineData("deploy:\n  manifest:\n    path: deploy/api.yaml\n", "services/api/service.yaml:3: 'deploy.manifest.path' names a file that does not exist: deploy/api.yaml")]
    [InlineData("context: ../../..\n", "services/api/service.yaml:1: 'context' must stay inside the repository (got 'services/api/../../..')")]
    public void AMissingFileNamedInServiceYamlIsReportedWithItsLine(string yaml, string expected)
    {
        using var repo = new TempRepository().Service("api", yaml);

        LoadError(repo).ShouldBe(expected);
    }

    [Fact]
    public void AnEmptyServiceYamlMeansAllConventions()
    {
        using var repo = new TempRepository().Service("api", "# nothing to override yet\n");

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().ImageRepository.ShouldBe("api");
    }
}
