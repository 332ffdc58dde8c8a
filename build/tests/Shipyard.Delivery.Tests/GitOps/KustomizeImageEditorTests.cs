using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.GitOps;

public sealed class KustomizeImageEditorTests
{
    private static readonly GitOpsManifest Manifest = new() { Path = "k/kustomization.yaml", ImageName = "todo-api", Application = "todo-api" };
    private static readonly ImageReference Image = new("127.0.0.1:5000", "todo-api", "abc1234");

    private static ManifestEditResult Edit(string text, ImageReference? image = null) =>
        ManifestEditors.For(ManifestKind.Kustomize).Edit(text, "k/kustomization.yaml", Manifest, image ?? Image);

    [Fact]
    public void OnlyTheTagBytesChangeAndCommentsQuotingAndOrderStay()
    {
        const string input = """
            # deployed by the pipeline; do not reorder
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml   # the app
            images:
              - name: other
                newTag: "1.0"
              # ours:
              - newTag: 'old1234'  # previous
                name: todo-api
                newName: 127.0.0.1:5000/todo-api
            """;

        var result = Edit(input);

        result.Text.ShouldBe(input.Replace("'old1234'", "'abc1234'"));
        result.Changed.ShouldBeTrue();
        result.Previous.ShouldBe(new ImageReference("", "127.0.0.1:5000/todo-api", "old1234"));
    }

    [Fact]
    public void MissingNewNameAndNewTagAreAddedAtTheEntrysIndentation()
    {
        const string input = "images:\r\n    - name: todo-api  # keep\r\n      # end\r\nresources: []\r\n";

        var result = Edit(input);

        result.Text.ShouldBe("images:\r\n    - name: todo-api  # keep\r\n      newName: 127.0.0.1:5000/todo-api\r\n      newTag: abc1234\r\n      # end\r\nresources: []\r\n");
        result.Previous.ShouldBeNull();
    }

    [Fact]
    public void ADigestIsSetWhenGivenAndAStaleDigestIsRemovedLikeKustomizeReplacesTheEntry()
    {
        const string input = "images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: old\n  digest: sha256:aaa\n";

        Edit(input, Image with { Digest = "sha256:bbb" }).Text
            .ShouldBe("images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: abc1234\n  digest: sha256:bbb\n");
        Edit(input).Text
            .ShouldBe("images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: abc1234\n");
    }

    [Fact]
    public void AFlowStyleEntryKeepsItsStyle()
    {
        const string input = "images: [{name: todo-api, newTag: old}]\n";

        Edit(input).Text.ShouldBe("images: [{name: todo-api, newTag: abc1234, newName: 127.0.0.1:5000/todo-api}]\n");
    }

    [Fact]
    public void ATagThatWouldReadAsANumberIsQuoted()
    {
        const string input = "images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: abc1234\n";

        Edit(input, Image with { Tag = "1234567" }).Text.ShouldContain("newTag: \"1234567\"\n");
        Edit(input, Image with { Tag = "1e10" }).Text.ShouldContain("newTag: \"1e10\"\n");
    }

    [Fact]
    public void TheSameImageChangesNothing()
    {
        const string input = "images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: \"abc1234\"\n";

        var result = Edit(input);

        result.Changed.ShouldBeFalse();
        result.Text.ShouldBeSameAs(input);
    }

    [Theory]
    [InlineData("images:\n- name: other\n  newTag: x\n", "k/kustomization.yaml:2: no images entry with name: todo-api")]
    [InlineData("resources: []\n", "k/kustomization.yaml:1: no 'images:' list")]
    [InlineData("images:\n- name: todo-api\n  newTag: a: b\n", "k/kustomization.yaml:3: malformed YAML")]
    [InlineData("images:\n- name: todo-api\n- name: todo-api\n", "k/kustomization.yaml:3: two images entries")]
    public void BadManifestsAreOneLineUsageErrorsWithFileAndLine(string input, string expected)
    {
        var error = Should.Throw<UsageException>(() => Edit(input));

        error.Message.ShouldStartWith(expected);
        error.Message.ShouldNotContain("\n");
    }
}
