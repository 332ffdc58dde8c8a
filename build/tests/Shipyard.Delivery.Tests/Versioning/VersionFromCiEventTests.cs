using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Images.Tags;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Tests.Versioning;

/// <summary>
/// Tags as docker/metadata-action gives them, driven by the CI event's variables on real repositories: the event
/// decides, not the tags on the commit, and <c>latest</c> follows the repository's default branch whatever its name.
/// </summary>
public sealed class VersionFromCiEventTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private readonly GitRemoteRepository _git = new();
    private readonly string _events = Directory.CreateTempSubdirectory("ci-event-").FullName;

    public void Dispose()
    {
        _git.Dispose();
        Directory.Delete(_events, recursive: true);
    }

    private IReadOnlyList<string> Tags(string scheme, IReadOnlyDictionary<string, string> ci)
    {
        var version = BuildVersionFactory.Create(_git.WorkTree, ci, Now, DefaultBranch.Resolve(_git.WorkTree, ci));
        return TagScheme.Parse(scheme, "test").TagsFor(version, "todo-api");
    }

    private static Dictionary<string, string> Push(string reference, string sha, string? type = null) => new()
    {
        ["GITHUB_EVENT_NAME"] = "push",
        ["GITHUB_REF"] = reference,
        ["GITHUB_REF_TYPE"] = type ?? (reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch"),
        ["GITHUB_SHA"] = sha,
    };

    [Fact]
    public void ABranchPushOfATaggedCommitGetsTheBranchTagsAndNeverLatestOrAVersion()
    {
        var sha = _git.Commit("a.txt", "feat: a");
        _git.Tag("v1.2.3");
        var ci = Push("refs/heads/feature/x", sha);

        Tags("metadata-action", ci).ShouldBe([$"sha-{sha[..7]}", "feature-x"]);
        Tags("semver", ci).ShouldBe([$"sha-{sha[..7]}", "build-20260506-070809", "feature-x"]);
        BuildVersionFactory.Create(_git.WorkTree, ci, Now).Rule.ShouldBe("no release version: the CI event is a branch push (feature/x), not a tag");
    }

    [Fact]
    public void ATagPushGetsExactlyThatTagsLadderNotAnotherTagOnTheSameCommit()
    {
        var sha = _git.Commit("a.txt", "feat: a");
        _git.Tag("v1.2.3");
        _git.Tag("v2.0.0");
        var ci = Push("refs/tags/v1.2.3", sha);

        Tags("metadata-action", ci).ShouldBe(["1.2.3", "1.2", "1", "latest", $"sha-{sha[..7]}"]);
        BuildVersionFactory.Create(_git.WorkTree, ci, Now).Rule.ShouldBe("version from the CI event: tag v1.2.3");
    }

    [Fact]
    public void AReleaseCandidateTagPushOnACommitAlsoTaggedStableGetsNoLatest()
    {
        var sha = _git.Commit("a.txt", "feat: a");
        _git.Tag("v1.2.3");
        _git.Tag("v1.2.3-rc.1");

        var tags = Tags("metadata-action", Push("refs/tags/v1.2.3-rc.1", sha));

        tags.ShouldBe(["1.2.3-rc.1", $"sha-{sha[..7]}"]);
    }

    [Fact]
    public void LocallyAReleaseTagOnHeadStaysTheRule()
    {
        var sha = _git.Commit("a.txt", "feat: a");
        _git.Tag("v1.2.3");

        var version = BuildVersionFactory.Create(_git.WorkTree, new Dictionary<string, string>(), Now);

        version.Rule.ShouldBe("release tag on HEAD: v1.2.3");
        TagScheme.Parse("metadata-action", "test").TagsFor(version, "todo-api").ShouldBe(["1.2.3", "1.2", "1", "latest", $"sha-{sha[..7]}"]);
    }

    [Fact]
    public void ADefaultBranchNamedMasterInTheEventPayloadGetsLatestAndMainDoesNot()
    {
        var sha = _git.Commit("a.txt", "feat: a");
        var payload = Path.Combine(_events, "event.json");
        File.WriteAllText(payload, """{"ref": "refs/heads/master", "before": "0000000000000000000000000000000000000000", "repository": {"default_branch": "master"}}""");
        var master = new Dictionary<string, string> { ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_EVENT_PATH"] = payload, ["GITHUB_SHA"] = sha };
        var main = new Dictionary<string, string>(master) { ["GITHUB_REF"] = "refs/heads/main" };

        DefaultBranch.Resolve(_git.WorkTree, master).ShouldBe("master");
        Tags("sha-latest", master).ShouldBe([sha, "latest"]);
        Tags("branch-sha", master).ShouldContain("latest");
        Tags("sha-latest", main).ShouldBe([sha]);
    }

    [Fact]
    public void ADefaultBranchNamedTrunkIsReadFromOriginHeadWhenTheEventDoesNotSay()
    {
        var sha = _git.Commit("a.txt", "feat: a");
        GitRemoteRepository.Git(_git.WorkTree, "push", "-q", "origin", "main:trunk");
        GitRemoteRepository.Git(_git.WorkTree, "fetch", "-q", "origin");
        GitRemoteRepository.Git(_git.WorkTree, "remote", "set-head", "origin", "trunk");

        DefaultBranch.Resolve(_git.WorkTree, new Dictionary<string, string>()).ShouldBe("trunk");
        Tags("sha-latest", Push("refs/heads/trunk", sha)).ShouldBe([sha, "latest"]);
        Tags("sha-latest", Push("refs/heads/main", sha)).ShouldBe([sha]);
    }

    [Fact]
    public void WithoutTheEventOrOriginHeadTheDefaultBranchIsMain() =>
        DefaultBranch.Resolve(_git.WorkTree, new Dictionary<string, string>()).ShouldBe(DefaultBranch.Fallback);
}
