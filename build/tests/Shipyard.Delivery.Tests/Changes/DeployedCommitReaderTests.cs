using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Changes;

namespace Shipyard.Delivery.Tests.Changes;

public sealed class DeployedCommitReaderTests
{
    private static readonly Service Api = TodoPlatform.Service("todo-api");

    [Theory]
    [InlineData("a1b2c3d", "a1b2c3d")]
    [InlineData("sha-a1b2c3d", "a1b2c3d")]
    [InlineData("main-a1b2c3d", "a1b2c3d")]
    [InlineData("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678")]
    [InlineData("v1.2.3", null)]
    [InlineData("latest", null)]
    [InlineData("abc12", null)]
    [InlineData("build-20250101-120000", null)]
    public void AKustomizeTagRecordsACommitOnlyWhenItEndsInSevenToFortyHexDigits(string tag, string? expected) =>
        DeployedCommitReader.CommitOf(Api, TodoPlatform.Kustomization("todo-api", tag)).ShouldBe(expected);

    [Fact]
    public void OnlyTheServicesOwnKustomizeImageCounts()
    {
        var text = "images:\n  - name: other\n    newTag: 1111111\n  - name: todo-api\n    newTag: 2222222\n";

        DeployedCommitReader.CommitOf(Api, text).ShouldBe("2222222");
    }

    [Fact]
    public void HelmValuesAreReadAtTheDottedTagKey()
    {
        var helm = Api with { Manifest = Api.Manifest with { Kind = ManifestKind.HelmValues, HelmRepositoryKey = "api.image.repository", HelmTagKey = "api.image.tag" } };

        DeployedCommitReader.CommitOf(helm, "api:\n  image:\n    repository: todo-api\n    tag: sha-abcdef0\n").ShouldBe("abcdef0");
    }

    [Fact]
    public void ARawManifestIsReadFromTheNamedContainersImage()
    {
        var raw = Api with { Manifest = Api.Manifest with { Kind = ManifestKind.RawManifest } };
        var text = """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - name: sidecar
                      image: registry:5000/proxy:1234567
                    - name: todo-api
                      image: registry:5000/todo-api:fedcba9
            """;

        DeployedCommitReader.CommitOf(raw, text).ShouldBe("fedcba9");
        DeployedCommitReader.TagOf(raw, "spec:\n  containers:\n    - name: todo-api\n      image: registry:5000/todo-api\n").ShouldBeNull();
    }

    [Fact]
    public void TextThatIsNotYamlRecordsNothing() =>
        DeployedCommitReader.CommitOf(Api, "images: [unclosed").ShouldBeNull();
}
