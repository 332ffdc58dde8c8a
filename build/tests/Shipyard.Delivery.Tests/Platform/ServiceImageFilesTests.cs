using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Catalog;

namespace Shipyard.Delivery.Tests.Platform;

public sealed class ServiceImageFilesTests
{
    public static TheoryData<string> ServiceNames() => [.. ServiceCatalog.Load(RepositoryRoot.Path).Services.Select(s => s.Name)];

    private static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, path));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void TheBaseImageIsABuildArgumentSoNothingHasToBePulled(string name)
    {
        var lines = Read($"services/{name}/Dockerfile").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        lines[0].ShouldStartWith("ARG RUNTIME_IMAGE=");
        lines[1].ShouldBe("FROM ${RUNTIME_IMAGE}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void TheImageCopiesWhatThePrepareCommandPublishesAndGitIgnoresIt(string name)
    {
        var service = ServiceCatalog.Load(RepositoryRoot.Path).Find(name)!;

        service.PrepareCommand.ShouldNotBeNull().ShouldEndWith("-o .publish");
        Read($"services/{name}/Dockerfile").ShouldContain("COPY .publish/ ./");
        Read($"services/{name}/.gitignore").Split('\n').ShouldContain(".publish/");
        Read($"services/{name}/.dockerignore").Split('\n').ShouldContain("!.publish/");
    }
}
