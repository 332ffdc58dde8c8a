using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

public sealed class RawManifestEditorTests
{
    private static readonly GitOpsManifest Manifest = new() { Kind = ManifestKind.RawManifest, Path = "app.yaml", ImageName = "api", Application = "todo-api" };
    private static readonly ImageReference Image = new("127.0.0.1:5000", "todo-api", "abc1234");

    private static ManifestEditResult Edit(string text, ImageReference? image = null) =>
        ManifestEditors.For(ManifestKind.RawManifest).Edit(text, "app.yaml", Manifest, image ?? Image);

    private const string MultiDocument = """
        # service first
        apiVersion: v1
        kind: Service
        metadata: {name: todo-api}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: todo-api
        spec:
          template:
            spec:
              containers:
              - name: sidecar
                image: busybox:1.36
              - name: api     # the app
                image: "127.0.0.1:5000/todo-api:old1234"   # pinned by CI
                ports: [{containerPort: 8080}]
        """;

    [Fact]
    public void TheNamedContainersImageChangesInTheRightDocumentOnly()
    {
        var result = Edit(MultiDocument);

        result.Text.ShouldBe(MultiDocument.Replace("todo-api:old1234\"", "todo-api:abc1234\""));
        result.Previous.ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "old1234"));
    }

    [Fact]
    public void ADigestIsWrittenAfterTheTag()
    {
        Edit(MultiDocument, Image with { Digest = "sha256:0123" }).Text
            .ShouldContain("image: \"127.0.0.1:5000/todo-api:abc1234@sha256:0123\"   # pinned by CI");
    }

    [Fact]
    public void ACronJobsContainerIsFound()
    {
        const string input = "kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: api, image: x/y:1}\n";

        Edit(input).Text.ShouldBe(input.Replace("x/y:1", "127.0.0.1:5000/todo-api:abc1234"));
    }

    [Fact]
    public void ARegistryPortIsNotMistakenForATag()
    {
        ImageReference.Parse("127.0.0.1:5000/todo-api").ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "latest"));
        ImageReference.Parse("r:5000/a:t@sha256:1").ShouldBe(new ImageReference("", "r:5000/a", "t", "sha256:1"));
    }

    [Theory]
    [InlineData("kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: a\n", "app.yaml:1: no container named 'api'")]
    [InlineData("kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n", "app.yaml:6: container 'api' has no image")]
    [InlineData("kind: Deployment\n---\nspec: {template: {spec: {containers: [{name: api, image: a}]}}}\n---\nspec: {template: {spec: {containers: [{name: api, image: b}]}}}\n", "app.yaml:5: container 'api' appears in 2 pod templates")]
    [InlineData("a: b\n- c\n", "app.yaml:2: malformed YAML")]
    public void MissingContainersAndMalformedYamlAreOneLineUsageErrors(string input, string expected)
    {
        var error = Should.Throw<UsageException>(() => Edit(input));

        error.Message.ShouldStartWith(expected);
        error.Message.ShouldNotContain("\n");
    }
}
