using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

public sealed class HelmValuesEditorTests
{
    private static readonly GitOpsManifest Manifest = new() { Kind = ManifestKind.HelmValues, Path = "values.yaml", ImageName = "todo-api", Application = "todo-api" };
    private static readonly ImageReference Image = new("ghcr.io/acme", "todo-api", "abc1234");

    private static ManifestEditResult Edit(string text, GitOpsManifest? manifest = null) =>
        ManifestEditors.For(ManifestKind.HelmValues).Edit(text, "values.yaml", manifest ?? Manifest, Image);

    [Fact]
    public void RepositoryAndTagChangeInPlaceKeepingQuotesAndComments()
    {
        const string input = """
            replicaCount: 2   # two
            image:
              # where the image lives
              repository: "ghcr.io/acme/todo-api"
              pullPolicy: IfNotPresent
              tag: 'old1234' # set by CI
            service:
              tag: untouched
            """;

        var result = Edit(input);

        result.Text.ShouldBe(input.Replace("'old1234'", "'abc1234'"));
        result.Previous.ShouldBe(new ImageReference("", "ghcr.io/acme/todo-api", "old1234"));
    }

    [Fact]
    public void CustomDottedKeyPathsAreFollowed()
    {
        const string input = "api:\n  image:\n    repo: x/old\n    version: \"1\"\n";
        var manifest = Manifest with { HelmRepositoryKey = "api.image.repo", HelmTagKey = "api.image.version" };

        Edit(input, manifest).Text.ShouldBe("api:\n  image:\n    repo: ghcr.io/acme/todo-api\n    version: \"abc1234\"\n");
    }

    [Fact]
    public void AnEmptyTagIsFilledAfterItsColon()
    {
        const string input = "image:\n  repository: ghcr.io/acme/todo-api\n  tag:\n  pullPolicy: Always\n";

        var result = Edit(input);

        result.Text.ShouldBe("image:\n  repository: ghcr.io/acme/todo-api\n  tag: abc1234\n  pullPolicy: Always\n");
        result.Previous.ShouldBeNull();
    }

    [Theory]
    [InlineData("image:\n  repository: x\n", "values.yaml:2: key 'image.tag' not found")]
    [InlineData("image: nginx\n", "values.yaml:1: 'image' must be a mapping")]
    [InlineData("image:\n  tag: [a, b]\n  repository: x\n", "values.yaml:2: 'image.tag' must be a string value")]
    [InlineData("image:\n  repository: x\n  tag: a: b\n", "values.yaml:3: malformed YAML")]
    public void MissingKeysAndMalformedYamlAreOneLineUsageErrors(string input, string expected)
    {
        var error = Should.Throw<UsageException>(() => Edit(input));

        error.Message.ShouldStartWith(expected);
        error.Message.ShouldNotContain("\n");
    }
}
