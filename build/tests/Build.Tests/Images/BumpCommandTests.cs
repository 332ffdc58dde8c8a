namespace Build.Tests.Images;

/// <summary><c>Bump --service todo-api</c> on a real repository with a bare remote.</summary>
public sealed class BumpCommandTests
{
    [Fact]
    public void AFeatureCommitReleasesTheNextMinorAndPushesTheTag()
    {
        using var repo = new PushRepository();
        var remote = repo.Root + "-origin.git";
        repo.Git("init", "-q", "--bare", remote);
        repo.Git("remote", "add", "origin", "file://" + remote);
        File.WriteAllText(Path.Combine(repo.Root, "services/todo-api/feature.txt"), "x");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "feat(api): due dates");

        var (exitCode, output) = repo.Build("Bump", "--service", "todo-api");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("1.2.3 → 1.3.0 (minor, 1 commit(s)), tag pushed");
        repo.Git("--git-dir", remote, "tag", "--list").ShouldBe("todo-api/v1.3.0");
        Directory.Delete(remote, true);
    }

    [Fact]
    public void NothingReleasableExitsZeroWithoutATag()
    {
        using var repo = new PushRepository();
        var remote = repo.Root + "-origin.git";
        repo.Git("init", "-q", "--bare", remote);
        repo.Git("remote", "add", "origin", "file://" + remote);
        File.WriteAllText(Path.Combine(repo.Root, "README.md"), "x");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "feat: not in the service");

        var (exitCode, output) = repo.Build("Bump", "--service", "todo-api");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("nothing to release since v1.2.3");
        repo.Git("tag", "--list").ShouldBe("todo-api/v1.2.3");
        Directory.Delete(remote, true);
    }
}
