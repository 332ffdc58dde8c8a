using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Images.Tags;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Deploy;

public sealed class DeployImagesTests
{
    private const string Digest = "sha256:9999999999999999999999999999999999999999999999999999999999999999";
    private static readonly BuildVersion MainPush = new("abc1234def5678abc1234def5678abc1234def56", "main", null, DateTimeOffset.UnixEpoch, "42");
    private static readonly Service TodoApi = GitOps.GitOpsDeployStrategyTests.TodoApi();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<string> Tags(string scheme, BuildVersion version) => TagScheme.Parse(scheme, "test").TagsFor(version, "todo-api");

    [Fact]
    public void TheSemverSchemeOnAPushToMainDeploysTheShaTagNeverLatest()
    {
        var tags = Tags("semver", MainPush);
        tags[0].ShouldBe("latest");

        DeployImages.Planned(TodoApi, "reg", tags, null, MainPush).Tag.ShouldBe("sha-abc1234");
    }

    [Theory]
    [InlineData("sha", "abc1234")]
    [InlineData("branch-sha", "main-abc1234")]
    [InlineData("sha-latest", "abc1234def5678abc1234def5678abc1234def56")]
    [InlineData("metadata-action", "sha-abc1234")]
    public void EveryPresetHasAnImmutableTagToDeploy(string scheme, string expected) =>
        DeployImages.Planned(TodoApi, "reg", Tags(scheme, MainPush), null, MainPush).Tag.ShouldBe(expected);

    [Fact]
    public void AReleaseTagPushDeploysTheFullVersion() =>
        DeployImages.Planned(TodoApi, "reg", ["v1.2", "v1", "latest", "v1.2.3"], null, MainPush).Tag.ShouldBe("v1.2.3");

    [Fact]
    public void ASchemeOfMovingTagsOnlyIsAUsageErrorBeforeAnythingRuns() =>
        Should.Throw<UsageException>(() => DeployImages.Planned(TodoApi, "reg", ["latest", "main"], null, MainPush))
            .Message.ShouldContain("gives only moving tags (latest, main)");

    [Fact]
    public async Task ThePushedDigestPinsThePlannedTagWithoutAskingTheRegistry()
    {
        var images = new DeployImages((_, _) => throw new InvalidOperationException("the registry must not be asked"));
        var planned = DeployImages.Planned(TodoApi, "reg", Tags("semver", MainPush), null, MainPush);
        var pushed = new ImageReference("reg", "todo-api", "latest", Digest);

        var image = await images.ResolveAsync(planned, false, pushed, ["latest", "sha-abc1234", "main"], _ => Task.FromResult<ImageReference?>(null), Ct);

        image.ShouldBe(new ImageReference("reg", "todo-api", "sha-abc1234", Digest));
    }

    [Fact]
    public async Task ARequestedMovingTagIsResolvedToItsDigestAndAMissingOneFails()
    {
        var images = new DeployImages((image, _) => Task.FromResult(image.Tag == "latest" ? Digest : null));

        (await images.ResolveAsync(new ImageReference("reg", "todo-api", "latest"), true, null, [], _ => Task.FromResult<ImageReference?>(null), Ct))
            .Digest.ShouldBe(Digest);
        (await Should.ThrowAsync<BuildFailedException>(() =>
            images.ResolveAsync(new ImageReference("reg", "todo-api", "gone"), true, null, [], _ => Task.FromResult<ImageReference?>(null), Ct)))
            .Message.ShouldContain("is not in the registry");
    }

    [Theory]
    [InlineData(ManifestKind.Kustomize, "images:\n- name: todo-api\n  newName: reg/todo-api\n  newTag: sha-abc1234\n  digest: " + Digest + "\n")]
    [InlineData(ManifestKind.HelmValues, "image:\n  repository: reg/todo-api\n  tag: sha-abc1234\n  digest: " + Digest + "\n")]
    [InlineData(ManifestKind.RawManifest, "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: todo-api\n        image: reg/todo-api:sha-abc1234@" + Digest + "\n")]
    public void OneReaderReadsWhatEachEditorWrites(ManifestKind kind, string text)
    {
        var manifest = TodoApi.Manifest with { Kind = kind, HelmDigestKey = kind == ManifestKind.HelmValues ? "image.digest" : null };

        ManifestEditors.ReadImage(text, "m.yaml", manifest).ShouldBe(new ImageReference("", "reg/todo-api", "sha-abc1234", Digest));
        var edited = ManifestEditors.For(kind).Edit(text, "m.yaml", manifest, new ImageReference("reg", "todo-api", "sha-def5678", Digest.Replace('9', '8')));
        ManifestEditors.ReadImage(edited.Text, "m.yaml", manifest).ShouldBe(new ImageReference("", "reg/todo-api", "sha-def5678", Digest.Replace('9', '8')));
    }
}
