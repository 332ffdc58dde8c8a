using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Tests.Catalog;

public sealed class ServiceProjectTests
{
    private static string Project(params string[] references) =>
        $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            {string.Join("\n    ", references.Select(r => $"<ProjectReference Include=\"{r}\" />"))}
          </ItemGroup>
        </Project>
        """;

    private const string TestProject = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>";

    [Fact]
    public void TheSampleServicesDependOnTheSharedDomainLibrary()
    {
        foreach (var service in ServiceCatalog.Load(RepositoryRoot.Path).Services)
            service.Dependencies.ShouldBe(["services/shared/Todo.Domain"], service.Name);
    }

    [Fact]
    public void DependenciesFollowProjectReferencesTransitivelyAndSkipTheServicesOwnProjects()
    {
        using var repo = new TempRepository()
            .Service("api")
            .File("services/api/src/Api.csproj", Project(@"..\..\shared\Domain\Domain.csproj", "../lib/Local.csproj"))
            .File("services/api/lib/Local.csproj", Project())
            .File("services/shared/Domain/Domain.csproj", Project("../Primitives/Primitives.csproj"))
            .File("services/shared/Primitives/Primitives.csproj", Project(@"..\Domain\Domain.csproj"));

        var service = ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem();

        service.Dependencies.ShouldBe(["services/shared/Domain", "services/shared/Primitives"]);
    }

    [Fact]
    public void ReferencesThroughMsBuildPropertiesAndBrokenProjectFilesAreIgnored()
    {
        using var repo = new TempRepository()
            .Service("api")
            .File("services/api/Api.csproj", Project("$(RepoRoot)/shared/X.csproj"))
            .File("services/api/tools/Broken.csproj", "<Project><ItemGroup>");

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().Dependencies.ShouldBeEmpty();
    }

    [Fact]
    public void ProjectsInBuildOutputFoldersAreNotRead()
    {
        using var repo = new TempRepository()
            .Service("api")
            .File("services/api/obj/Copy.csproj", Project("../../shared/Ghost/Ghost.csproj"))
            .File("services/api/.publish/Copy.csproj", Project("../../shared/Ghost/Ghost.csproj"));

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().Dependencies.ShouldBeEmpty();
    }

    [Fact]
    public void AServiceWithASolutionAndATestProjectIsTestedWithDotnetTest()
    {
        using var repo = new TempRepository().Service("api")
            .File("services/api/api.slnx", "<Solution />")
            .File("services/api/src/Api.csproj", Project())
            .File("services/api/tests/Api.Tests.csproj", TestProject);

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().TestCommand.ShouldBe("dotnet test");
    }

    [Fact]
    public void WithoutASolutionEachTestProjectIsNamed()
    {
        using var repo = new TempRepository().Service("api")
            .File("services/api/src/Api.csproj", Project())
            .File("services/api/tests/unit/Unit.csproj", TestProject)
            .File("services/api/tests/e2e/E2e.csproj", "<Project><ItemGroup><PackageReference Include=\"xunit.v3\" /></ItemGroup></Project>");

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().TestCommand
            .ShouldBe("dotnet test --project tests/e2e/E2e.csproj && dotnet test --project tests/unit/Unit.csproj");
    }

    [Fact]
    public void AServiceWithoutATestProjectHasNoTestCommand()
    {
        using var repo = new TempRepository().Service("api").File("services/api/src/Api.csproj", Project());

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().TestCommand.ShouldBeNull();
    }

    [Fact]
    public void ANullTestKeyTurnsTheConventionalTestsOff()
    {
        using var repo = new TempRepository().Service("api", "test: ~\n").File("services/api/Api.Tests.csproj", TestProject);

        ServiceCatalog.Load(repo.Root).Services.ShouldHaveSingleItem().TestCommand.ShouldBeNull();
    }
}
