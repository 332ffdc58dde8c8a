using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>Every way of listing changed paths gives the same answer, renames as delete + add.</summary>
public sealed class ChangedPathsTests
{
    public static TheoryData<string> Implementations => ["git-cli", "libgit2-tree-diff", "oid-tree-walk"];

    private static IChangedPaths Create(string kind, string root) => kind switch
    {
        "git-cli" => new GitCliChangedPaths(root, new ProcessRunner(TextWriter.Null, s => s)),
        "libgit2-tree-diff" => new TreeDiffChangedPaths(root),
        _ => new OidTreeWalkChangedPaths(root),
    };

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task ModifiedAddedDeletedAndRenamedFilesAreListedWithoutRenameDetection(string kind)
    {
        using var repo = TodoPlatform.Repository();
        var before = repo.Head;
        repo.Write("services/todo-api/Program.cs", "// modified\n")
            .Write("services/todo-api/Deep/Er/New.cs", "// added\n")
            .Delete("deploy/applications/todo-worker");
        repo.Git("mv", "libs/todo-shared/Todo.cs", "libs/todo-shared/Renamed.cs");
        var head = repo.Commit("mixed");

        var paths = await Create(kind, repo.Root).BetweenAsync(before, head, TestContext.Current.CancellationToken);

        paths.Order(StringComparer.Ordinal).ShouldBe([
            "deploy/applications/todo-worker/deployment.yaml",
            "deploy/applications/todo-worker/kustomization.yaml",
            "libs/todo-shared/Renamed.cs",
            "libs/todo-shared/Todo.cs",
            "services/todo-api/Deep/Er/New.cs",
            "services/todo-api/Program.cs",
        ]);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task AFileReplacedByAFolderListsBoth(string kind)
    {
        using var repo = TodoPlatform.Repository();
        var before = repo.Head;
        repo.Delete("README.md");
        repo.Write("README.md/index.md", "# moved\n");
        var head = repo.Commit("file to folder");

        var paths = await Create(kind, repo.Root).BetweenAsync(before, head, TestContext.Current.CancellationToken);

        paths.Order(StringComparer.Ordinal).ShouldBe(["README.md", "README.md/index.md"]);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public async Task IdenticalCommitsHaveNoChangedPaths(string kind)
    {
        using var repo = TodoPlatform.Repository();

        (await Create(kind, repo.Root).BetweenAsync(repo.Head, repo.Head, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }
}
