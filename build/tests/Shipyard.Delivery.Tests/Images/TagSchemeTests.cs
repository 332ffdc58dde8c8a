using Shipyard.Delivery.Images.Tags;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Images;

public sealed class TagSchemeTests
{
    private const string Sha = "abc1234def5678900000000000000000000000ff";
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static BuildVersion Event(string name) => name switch
    {
        "main" => new(Sha, "main", null, Start, "42"),
        "feature" => new(Sha, "feature/x", null, Start, "42"),
        _ => new(Sha, null, name, Start, "42"),
    };

    [Theory]
    [InlineData("sha", "main", "abc1234")]
    [InlineData("sha", "feature", "abc1234")]
    [InlineData("sha", "v1.2.3", "abc1234")]
    [InlineData("sha", "v1.2.3-rc.1", "abc1234")]
    [InlineData("sha", "v0.3.0", "abc1234")]
    [InlineData("semver", "main", "latest sha-abc1234 build-20260304-050607 main")]
    [InlineData("semver", "feature", "sha-abc1234 build-20260304-050607 feature-x")]
    [InlineData("semver", "v1.2.3", "v1.2.3 v1.2 v1 latest sha-abc1234 build-20260304-050607")]
    [InlineData("semver", "v1.2.3-rc.1", "v1.2.3-rc.1 sha-abc1234 build-20260304-050607")]
    [InlineData("semver", "v0.3.0", "v0.3.0 v0.3 latest sha-abc1234 build-20260304-050607")]
    [InlineData("branch-sha", "main", "main-abc1234 main latest")]
    [InlineData("branch-sha", "feature", "feature-x-abc1234 feature-x")]
    [InlineData("branch-sha", "v1.2.3", "v1.2.3 latest")]
    [InlineData("branch-sha", "v1.2.3-rc.1", "v1.2.3-rc.1")]
    [InlineData("branch-sha", "v0.3.0", "v0.3.0 latest")]
    [InlineData("sha-latest", "main", Sha + " latest")]
    [InlineData("sha-latest", "feature", Sha)]
    [InlineData("sha-latest", "v1.2.3", Sha + " latest")]
    [InlineData("sha-latest", "v1.2.3-rc.1", Sha)]
    [InlineData("sha-latest", "v0.3.0", Sha + " latest")]
    [InlineData("metadata-action", "main", "sha-abc1234 main")]
    [InlineData("metadata-action", "feature", "sha-abc1234 feature-x")]
    [InlineData("metadata-action", "v1.2.3", "1.2.3 1.2 1 latest sha-abc1234")]
    [InlineData("metadata-action", "v1.2.3-rc.1", "1.2.3-rc.1 sha-abc1234")]
    [InlineData("metadata-action", "v0.3.0", "0.3.0 0.3 latest sha-abc1234")]
    public void EachPresetGivesTheDocumentedTagsPerEvent(string scheme, string @event, string expected) =>
        TagScheme.Parse(scheme, "test").TagsFor(Event(@event), "todo-api").ShouldBe(expected.Split(' '));

    [Fact]
    public void AServiceReleaseTagVersionsOnlyThatService()
    {
        var build = new BuildVersion(Sha, null, "todo-api/v1.2.3", Start, null) { Tags = ["todo-api/v1.2.3", "todo-web/v0.4.0"] };
        var scheme = TagScheme.Parse("metadata-action", "test");

        scheme.TagsFor(build, "todo-api").ShouldBe(["1.2.3", "1.2", "1", "latest", "sha-abc1234"]);
        scheme.TagsFor(build, "todo-web").ShouldBe(["0.4.0", "0.4", "latest", "sha-abc1234"]);
        scheme.TagsFor(build, "todo-worker").ShouldBe(["sha-abc1234"]);
    }

    [Fact]
    public void ACustomListRendersItsTemplatesAndDropsThoseWithoutAValue()
    {
        var scheme = TagScheme.Parse("{{sha7}}, {{branch}}-{{run}}, v{{major}}.{{minor}}, latest", "--tag-scheme");

        scheme.TagsFor(Event("feature"), "todo-api").ShouldBe(["abc1234", "feature-x-42", "latest"]);
        scheme.TagsFor(Event("v1.2.3-rc.1"), "todo-api").ShouldBe(["abc1234"]);
        scheme.TagsFor(Event("v1.2.3"), "todo-api").ShouldBe(["abc1234", "v1.2", "latest"]);
    }

    [Fact]
    public void ABareMajorTemplateIsDroppedForZeroVersions() =>
        TagScheme.Parse("{{version}},{{major}}", "test").TagsFor(Event("v0.3.0"), "todo-api").ShouldBe(["0.3.0"]);

    [Fact]
    public void NoSchemeMeansTheShortSha() =>
        TagScheme.Parse(null, "test").TagsFor(Event("main"), "todo-api").ShouldBe(["abc1234"]);

    [Fact]
    public void LongBranchNamesAreCutToTheTagLimitWithoutLeadingDots()
    {
        var build = new BuildVersion(Sha, "." + new string('b', 200), null, Start, null);

        var tags = TagScheme.Parse("branch-sha", "test").TagsFor(build, "todo-api");

        tags.ShouldAllBe(t => t.Length <= 128 && !t.StartsWith('.'));
        tags[0].ShouldEndWith("-abc1234");
    }

    [Theory]
    [InlineData("bad tag!", "not a valid image tag")]
    [InlineData("-latest,{{sha7}}", "not a valid image tag")]
    [InlineData("{{sha8}}", "Unknown placeholder '{{sha8}}'")]
    [InlineData("shaa", "Unknown tag scheme 'shaa'")]
    public void AnInvalidSchemeIsAOneLineUsageError(string scheme, string message)
    {
        var error = Should.Throw<UsageException>(() => TagScheme.Parse(scheme, "--tag-scheme"));

        error.Message.ShouldContain(message);
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void ATemplateRenderingAnInvalidTagIsAUsageError()
    {
        var build = new BuildVersion(Sha, "main", null, Start, null);
        var scheme = TagScheme.Parse("{{sha7}}.{{sha}}.{{sha}}.{{sha}}", "--tag-scheme");

        Should.Throw<UsageException>(() => scheme.TagsFor(build, "todo-api")).Message.ShouldContain("not a valid image tag");
    }
}
